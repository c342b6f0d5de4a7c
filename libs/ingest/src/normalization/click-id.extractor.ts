import type { TtclidSource, TtpSource } from '@app/core';
import type { IngestEventInput } from '../validation/ingest-event.input';

export type CapturedTtclidSource = Exclude<TtclidSource, 'restored'>;
export type CapturedTtpSource = Exclude<TtpSource, 'restored'>;

type ClickIdInput = Pick<IngestEventInput, 'page' | 'cookies' | 'user'>;

const TTCLID_PARAM = 'ttclid=';
const URL_HOST = /^[a-z][a-z\d+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i;

// TIKTOK.md's order: the landing URL's query, the referrer's when it is the same site (a
// redirect or a same-site hop dropped the parameter), the site's first-party cookie, then the
// value the sender extracted itself.
export function extractTtclid(event: ClickIdInput): { ttclid: string; source: CapturedTtclidSource } | undefined {
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
  const cookie = nonEmpty(event.cookies?._ttp);
  if (cookie) return { ttp: cookie, source: 'cookie' };
  const own = nonEmpty(event.user?.ttp);
  if (own) return { ttp: own, source: 'user' };
  return undefined;
}

// Scans the text rather than building a URL object: most events carry no ttclid, and this never
// throws on malformed URLs. Everything after the first "?" counts, including a query inside the
// fragment, because hash-routed single-page sites land on "https://shop/#/p?ttclid=...". A "+" is
// kept as is, not read as a space: a ttclid never holds spaces, but a sloppily encoded one may
// hold a "+".
export function readTtclidParam(url: string): string | undefined {
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  let at = url.indexOf(TTCLID_PARAM, query + 1);
  while (at >= 0) {
    const before = url.charCodeAt(at - 1);
    // "?", "&", "#": the key starts there; otherwise this is the tail of another key (utm_ttclid=).
    if (before === 0x3f || before === 0x26 || before === 0x23) {
      const start = at + TTCLID_PARAM.length;
      let end = start;
      while (end < url.length) {
        const c = url.charCodeAt(end);
        if (c === 0x26 || c === 0x23) break;
        end++;
      }
      const value = decode(url.slice(start, end)).trim();
      if (value !== '') return value;
    }
    at = url.indexOf(TTCLID_PARAM, at + TTCLID_PARAM.length);
  }
  return undefined;
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    // A broken escape is more likely a sloppy encoder than a different value; keep it as sent.
    return value;
  }
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
