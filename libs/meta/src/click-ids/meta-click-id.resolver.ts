import { fbcCarries, formatFbc } from './fbc.codec';
import { readQueryParam, type FbcSource, type FbpSource } from '@app/core';

export interface MetaClickIdInput {
  pageUrl?: string;
  referrerUrl?: string;
  // The site's `_fbc` and `_fbp` cookies and the sender's own values, taken as they are.
  cookieFbc?: string;
  cookieFbp?: string;
  userFbc?: string;
  userFbp?: string;
  // The visitor's fbc remembered from an earlier event (click-id restoration).
  restoredFbc?: string;
  // When TrackLayer saw the event (ms): the creation time of an fbc made from an fbclid.
  seenAtMs: number;
}

// Meta's fbclid is case-sensitive and must reach Meta exactly as Meta wrote it: URL-decoded once,
// never trimmed, lowercased or re-encoded.
export function readFbclid(url: string): string | undefined {
  return readQueryParam(url, 'fbclid');
}

const URL_HOST = /^[a-z][a-z\d+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i;

// Which fbc an event carries to Meta. An fbclid in the landing URL (or a same-site referrer: a
// redirect dropped it) is the newest click; it replaces what the visitor had only when it is a
// different click, so the creation time stays the first time the click was seen.
export function resolveFbc(input: MetaClickIdInput): { fbc: string; source: FbcSource } | undefined {
  const existing = existingFbc(input);
  const fromUrl = input.pageUrl === undefined ? undefined : readFbclid(input.pageUrl);
  const fromReferrer =
    fromUrl === undefined && input.pageUrl !== undefined && input.referrerUrl !== undefined && sameHost(input.pageUrl, input.referrerUrl)
      ? readFbclid(input.referrerUrl)
      : undefined;
  const fbclid = fromUrl ?? fromReferrer;
  if (fbclid === undefined) return existing;
  if (existing !== undefined && fbcCarries(existing.fbc, fbclid)) return existing;
  return { fbc: formatFbc(fbclid, input.seenAtMs), source: fromUrl === undefined ? 'referrer' : 'url' };
}

// The `_fbp` cookie is what Meta's pixel sends for this browser; the sender's own value otherwise.
export function resolveFbp(input: Pick<MetaClickIdInput, 'cookieFbp' | 'userFbp'>): { fbp: string; source: Exclude<FbpSource, 'restored'> } | undefined {
  const cookie = nonEmpty(input.cookieFbp);
  if (cookie !== undefined) return { fbp: cookie, source: 'cookie' };
  const own = nonEmpty(input.userFbp);
  return own === undefined ? undefined : { fbp: own, source: 'user' };
}

function existingFbc(input: MetaClickIdInput): { fbc: string; source: FbcSource } | undefined {
  const cookie = nonEmpty(input.cookieFbc);
  if (cookie !== undefined) return { fbc: cookie, source: 'cookie' };
  const own = nonEmpty(input.userFbc);
  if (own !== undefined) return { fbc: own, source: 'user' };
  const restored = nonEmpty(input.restoredFbc);
  return restored === undefined ? undefined : { fbc: restored, source: 'restored' };
}

function sameHost(a: string, b: string): boolean {
  const hostA = URL_HOST.exec(a)?.[1];
  const hostB = URL_HOST.exec(b)?.[1];
  return hostA !== undefined && hostA !== '' && hostB !== undefined && hostA.toLowerCase() === hostB.toLowerCase();
}

// Cookie values are taken as they are: only surrounding whitespace, which no cookie value holds, goes.
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
