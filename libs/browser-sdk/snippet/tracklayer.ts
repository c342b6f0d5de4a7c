import { cookieDomainCandidates, readCookie, serializeCookie } from './cookie.codec';
import { fbClickOf, fbSubdomainIndex, formatFbCookie, isFbCookie } from './fb-cookie.codec';
import { buildEvent, Fields } from './ingest-event.builder';
import { ingestEndpointFor, withKey } from './ingest-endpoint.resolver';
import { decorateUrl } from './link.decorator';
import { decodeLinkedId, encodeLinkedId, isAnonymousId, randomId } from './linked-id.codec';
import { readUrlParam } from './url-param.reader';

// tracklayer.js, the first-party browser snippet (docs/browser.md). Bundled by esbuild into one
// IIFE; it must never throw into the customer's page, so every entry point is guarded.

interface TrackLayer {
  track(event: string, properties?: Fields, user?: Fields, options?: Fields): string | undefined;
  identify(user: Fields): void;
  decorate(url: string): string;
  anonymousId(): string;
  push(call: unknown[]): void;
}

const DAY = 86_400;
const TTCLID = 'ttclid';
const TTP = '_ttp';
const ANONYMOUS_ID = 'tl_aid';
const FBCLID = 'fbclid';
const FBC = '_fbc';
const FBP = '_fbp';
// A decorated link adopts the visitor id on the other domain only within this age (seconds).
const LINK_MAX_AGE = 3600;
// The ingest API refuses a whole event whose click id is over 1024 characters; drop such values.
const CLICK_ID_MAX = 1000;

function attempt<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    // Blocked cookies, odd browsers, bad arguments: the page goes on, the event may be lost.
    return undefined;
  }
}

function clip(value: string | undefined): string | undefined {
  return value && value.length <= CLICK_ID_MAX ? value : undefined;
}

function install(): void {
  const host = window as unknown as { tracklayer?: unknown };
  const queued = host.tracklayer;
  // Loaded twice (a tag manager and the theme): the first copy already drained the queue.
  if (queued && typeof (queued as Partial<TrackLayer>).anonymousId === 'function') return;

  const script = (document.currentScript ||
    document.querySelector('script[data-key][src*="sdk.js"],script[data-key][src*="tracklayer"]')) as HTMLScriptElement | null;
  const attribute = (name: string): string => (script && script.getAttribute('data-' + name)) || '';
  const key = attribute('key');
  const endpoint = attribute('endpoint') || ingestEndpointFor(script ? script.src : '');
  const secure = location.protocol === 'https:';
  const now = (): number => Math.floor(Date.now() / 1000);
  const newId = (): string => randomId((bytes) => crypto.getRandomValues(bytes));
  if (!key) console.warn('tracklayer: the script tag has no data-key, so no event is sent');

  // document.cookie throws in sandboxed frames and some privacy modes, or silently drops writes;
  // every read and write is guarded and the snippet then lives on what the URL and memory hold.
  const read = (name: string): string | undefined => attempt(() => clip(readCookie(document.cookie, name)));
  const write = (name: string, value: string, maxAgeSeconds: number, domain?: string): void => {
    attempt(() => (document.cookie = serializeCookie(name, value, { maxAgeSeconds, domain, secure })));
  };
  let domain: string | undefined | null = null;
  const cookieDomain = (): string | undefined => {
    if (domain === null) {
      const configured = attribute('cookie-domain');
      domain = configured === 'none' ? undefined : configured || undefined;
      for (const candidate of configured ? [] : cookieDomainCandidates(location.hostname)) {
        const probe = newId();
        write('tl_probe', probe, 10, candidate);
        if (read('tl_probe') === probe) {
          write('tl_probe', '', 0, candidate);
          domain = candidate;
          break;
        }
      }
    }
    return domain;
  };
  const store = (name: string, value: string, days: number): void => write(name, value, days * DAY, cookieDomain());

  // A click id in this URL is the newest click: it replaces the stored one for 30 days (TikTok's
  // own template keeps it as long). An anonymous id from a decorated link joins this domain's
  // visitor to the one on the domain the link came from.
  const href = location.href;
  const landingTtclid = clip(readUrlParam(href, TTCLID));
  if (landingTtclid) store(TTCLID, landingTtclid, 30);
  const stored = read(ANONYMOUS_ID);
  const anonymousId = decodeLinkedId(readUrlParam(href, ANONYMOUS_ID), now(), LINK_MAX_AGE) || (isAnonymousId(stored) ? stored : newId());
  // Rewritten on every page view, so a returning visitor keeps the id for a year after the last visit.
  store(ANONYMOUS_ID, anonymousId, 365);
  const ttclid = (): string | undefined => landingTtclid || read(TTCLID);

  // Meta: `_fbc` is rewritten only when absent or for a different click, so its creation time stays
  // the first time the click was seen; a decorated link brings the other domain's `_fbc` (with its
  // time) and, for a browser new here, its `_fbp`. Without `_fbp`, one is made as Meta's
  // server-side tags do. Both live 90 days from when they were written.
  const fbIndex = fbSubdomainIndex(cookieDomain() || location.hostname);
  let fbcHere = read(FBC);
  const linkedFbc = clip(readUrlParam(href, FBC));
  const landingFbclid = clip(readUrlParam(href, FBCLID));
  const fbcFor = (candidate: string | undefined): void => {
    if (candidate && fbClickOf(candidate) !== fbClickOf(fbcHere)) store(FBC, (fbcHere = candidate), 90);
  };
  if (isFbCookie(linkedFbc)) fbcFor(linkedFbc);
  if (landingFbclid) fbcFor(formatFbCookie(fbIndex, Date.now(), landingFbclid));
  let fbpHere = read(FBP);
  if (!fbpHere) {
    const linkedFbp = clip(readUrlParam(href, FBP));
    store(FBP, (fbpHere = isFbCookie(linkedFbp) ? linkedFbp : formatFbCookie(fbIndex, Date.now(), Math.floor(Math.random() * 2147483647))), 90);
  }
  const fbc = (): string | undefined => read(FBC) || fbcHere;
  const fbp = (): string | undefined => read(FBP) || fbpHere;
  const identified: Fields = {};

  // sendBeacon survives the page unloading right after track() (a click to the next page); it
  // sends text/plain, which needs no CORS preflight, with the key in the URL since it cannot set
  // headers. fetch with keepalive covers browsers without it and beacons refused over the quota.
  const send = (body: string): void => {
    if (!key || !endpoint) return;
    const url = withKey(endpoint, key);
    if (attempt(() => navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' })))) return;
    attempt(
      () => void fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } }).catch(() => undefined),
    );
  };

  const api: TrackLayer = {
    track: (event, properties, user, options) =>
      attempt(() => {
        const built = buildEvent(event, properties, user, options, {
          anonymousId,
          url: location.href,
          referrer: document.referrer,
          ttclid: ttclid(),
          ttp: read(TTP),
          fbc: fbc(),
          fbp: fbp(),
          locale: navigator.language,
          identified,
          newId,
        });
        if (built) send(JSON.stringify(built.body));
        return built && built.eventId;
      }),
    // Kept in memory for this page only: no personal data goes into cookies.
    identify: (user) => {
      attempt(() => user && typeof user === 'object' && Object.assign(identified, user));
    },
    decorate: (url) =>
      attempt(() =>
        decorateUrl(String(url), [
          [TTCLID, ttclid()],
          [FBCLID, landingFbclid || fbClickOf(fbc())],
          [FBC, fbc()],
          [FBP, fbp()],
          [ANONYMOUS_ID, encodeLinkedId(anonymousId, now())],
        ]),
      ) || url,
    anonymousId: () => anonymousId,
    // The inline stub queues [method, ...args]; after load, push() keeps working the same way.
    push: (call) => {
      attempt(() => {
        if (call[0] === 'track') api.track(...(call.slice(1) as Parameters<TrackLayer['track']>));
        if (call[0] === 'identify') api.identify(call[1] as Fields);
      });
    },
  };
  host.tracklayer = api;
  if (Array.isArray(queued)) for (const call of queued) api.push(call);
}

attempt(install);
