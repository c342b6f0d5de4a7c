import { fbcCarries, formatFbc } from '@app/meta';
import { readQueryParam, type FbcSource, type FbpSource, type TtclidSource, type TtpSource } from '@app/core';
import type { IngestEventInput } from '../validation/ingest-event.input';

export type CapturedTtclidSource = Exclude<TtclidSource, 'restored'>;
export type CapturedTtpSource = Exclude<TtpSource, 'restored'>;
export type CapturedFbcSource = Extract<FbcSource, 'url' | 'cookie' | 'user'>;
export type CapturedFbpSource = Exclude<FbpSource, 'restored'>;
export type ClickIdOrder = 'captured-first' | 'declared-first';

type ClickIdInput = Pick<IngestEventInput, 'page' | 'cookies' | 'user'>;

const URL_HOST = /^[a-z][a-z\d+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i;

// TikTok's order: the landing URL's query, the referrer's when it is the same site (a
// redirect or a same-site hop dropped the parameter), the site's first-party cookie, then the
// value the sender extracted itself. Drop-in formats put the value their sender set explicitly
// first (Segment's TikTok destination reads properties.ttclid before anything else).
export function extractTtclid(
  event: ClickIdInput,
  order: ClickIdOrder = 'captured-first',
): { ttclid: string; source: CapturedTtclidSource } | undefined {
  if (order === 'declared-first') {
    const own = nonEmpty(event.user?.ttclid);
    if (own) return { ttclid: own, source: 'user' };
  }
  const url = event.page?.url;
  if (url) {
    const fromUrl = readTtclidParam(url);
    if (fromUrl) return { ttclid: fromUrl, source: 'url' };
  }
  const referrer = event.page?.referrer;
  if (url && referrer) {
    const fromReferrer = readTtclidParam(referrer);
    // Another site's ttclid (an ad that linked to a partner who linked to us) is not our click.
    if (fromReferrer && sameHost(url, referrer)) return { ttclid: fromReferrer, source: 'referrer' };
  }
  const cookie = nonEmpty(event.cookies?.ttclid);
  if (cookie) return { ttclid: cookie, source: 'cookie' };
  const own = nonEmpty(event.user?.ttclid);
  if (own) return { ttclid: own, source: 'user' };
  return undefined;
}

// The TikTok pixel's first-party cookie first: it is what the pixel itself sends for the browser.
export function extractTtp(event: ClickIdInput): { ttp: string; source: CapturedTtpSource } | undefined {
  const found = cookieThenUser(event.cookies?._ttp, event.user?.ttp);
  return found && { ttp: found.value, source: found.source };
}

// Meta's click id and browser id, raw as the `_fbc`/`_fbp` cookies of Meta's pixel (or
// tracklayer.js) hold them. A landing URL's `fbclid` is a click: made into an fbc created at the
// event's time, unless the cookie or the sender's value already stands for that same click (its
// creation time, the first sighting, is kept).
export function extractFbc(event: ClickIdInput, eventTimeSeconds: number): { fbc: string; source: CapturedFbcSource } | undefined {
  const found = cookieThenUser(event.cookies?._fbc, event.user?.fbc);
  const url = event.page?.url;
  const fbclid = url ? readQueryParam(url, 'fbclid')?.trim() : undefined;
  if (fbclid && !(found && fbcCarries(found.value, fbclid))) return { fbc: formatFbc(fbclid, eventTimeSeconds * 1000), source: 'url' };
  return found && { fbc: found.value, source: found.source };
}

export function extractFbp(event: ClickIdInput): { fbp: string; source: CapturedFbpSource } | undefined {
  const found = cookieThenUser(event.cookies?._fbp, event.user?.fbp);
  return found && { fbp: found.value, source: found.source };
}

function cookieThenUser(cookie: string | null | undefined, own: string | null | undefined): { value: string; source: 'cookie' | 'user' } | undefined {
  const fromCookie = nonEmpty(cookie);
  if (fromCookie) return { value: fromCookie, source: 'cookie' };
  const fromUser = nonEmpty(own);
  return fromUser ? { value: fromUser, source: 'user' } : undefined;
}

// TikTok's ttclid, trimmed: a ttclid never holds spaces.
export function readTtclidParam(url: string): string | undefined {
  const value = readQueryParam(url, 'ttclid')?.trim();
  return value === '' ? undefined : value;
}

function sameHost(a: string, b: string): boolean {
  const hostA = URL_HOST.exec(a)?.[1];
  if (!hostA) return false;
  const hostB = URL_HOST.exec(b)?.[1];
  return hostB !== undefined && hostA.toLowerCase() === hostB.toLowerCase();
}

function nonEmpty(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

// The kinds read by the extractors above, each with its platform's own rules.
export const EXTRACTED_KINDS: ReadonlySet<string> = new Set(['ttclid', 'ttp', 'fbc', 'fbp']);
const MAX_DECLARED_VALUE = 1024;

// Any other kind a registered platform declares, by its declaration alone: the landing URL's
// parameter (a fresh click) first, then the first-party cookie, each taken as it is.
export function extractDeclaredClickIds(
  event: ClickIdInput,
  kinds: ReadonlyArray<{ kind: string; urlParams: readonly string[]; cookies: readonly string[] }>,
): Array<{ kind: string; value: string; source: 'url' | 'cookie' }> {
  const found: Array<{ kind: string; value: string; source: 'url' | 'cookie' }> = [];
  const url = event.page?.url;
  const cookies = (event.cookies ?? {}) as Record<string, unknown>;
  for (const { kind, urlParams, cookies: cookieNames } of kinds) {
    if (EXTRACTED_KINDS.has(kind)) continue;
    const fromUrl = url ? urlParams.map((param) => declaredValue(readQueryParam(url, param))).find((value) => value !== undefined) : undefined;
    if (fromUrl !== undefined) {
      found.push({ kind, value: fromUrl, source: 'url' });
      continue;
    }
    const fromCookie = cookieNames.map((name) => declaredValue(cookies[name])).find((value) => value !== undefined);
    if (fromCookie !== undefined) found.push({ kind, value: fromCookie, source: 'cookie' });
  }
  return found;
}

function declaredValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > MAX_DECLARED_VALUE ? undefined : trimmed;
}
