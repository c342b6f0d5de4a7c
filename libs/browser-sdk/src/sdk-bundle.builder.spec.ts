import { webcrypto } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { buildSdkBundle, findSdkEntry } from './sdk-bundle.builder';

interface FakeCookie {
  value: string;
  domain?: string;
  attributes: string;
}

interface FakePage {
  window: Record<string, any>;
  cookies: Map<string, FakeCookie>;
  beacons: Array<{ url: string; body: Blob }>;
  fetches: Array<{ url: string; init: Record<string, unknown> }>;
  warnings: unknown[][];
}

// A browser stand-in just rich enough for the snippet: a cookie jar that refuses public
// suffixes, a script tag with data attributes, sendBeacon and fetch recorders.
function fakePage(options: { href: string; cookies?: 'ok' | 'throw' | 'drop'; beacon?: boolean; key?: string; queued?: unknown[] }): FakePage {
  const cookies = new Map<string, FakeCookie>();
  const beacons: FakePage['beacons'] = [];
  const fetches: FakePage['fetches'] = [];
  const warnings: unknown[][] = [];
  const url = new URL(options.href);
  const document = {
    referrer: '',
    currentScript: {
      src: 'https://api.tracklayer.test/v1/sdk.js',
      getAttribute: (name: string) => (name === 'data-key' ? (options.key ?? 'tl_live_test') : null),
    },
    querySelector: () => null,
    get cookie(): string {
      if (options.cookies === 'throw') throw new Error('SecurityError: cookies are disabled');
      return [...cookies].map(([name, c]) => `${name}=${c.value}`).join('; ');
    },
    set cookie(text: string) {
      if (options.cookies === 'throw') throw new Error('SecurityError: cookies are disabled');
      if (options.cookies === 'drop') return;
      const [pair, ...attributes] = text.split('; ');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const domain = attributes.find((a) => a.startsWith('Domain='))?.slice(7);
      if (domain === 'co.uk') return;
      if (attributes.includes('Max-Age=0')) cookies.delete(name);
      else cookies.set(name, { value, domain, attributes: attributes.join('; ') });
    },
  };
  const window: Record<string, any> = {
    document,
    location: { href: options.href, hostname: url.hostname, protocol: url.protocol },
    navigator: {
      language: 'en-GB',
      ...(options.beacon === false
        ? {}
        : {
            sendBeacon: (to: string, body: Blob) => {
              beacons.push({ url: to, body });
              return true;
            },
          }),
    },
    crypto: webcrypto,
    Blob,
    Date,
    Math,
    fetch: (to: string, init: Record<string, unknown>) => {
      fetches.push({ url: to, init });
      return Promise.reject(new Error('offline'));
    },
    console: { warn: (...args: unknown[]) => warnings.push(args), error: (...args: unknown[]) => warnings.push(args) },
  };
  if (options.queued) window.tracklayer = options.queued;
  window.window = window;
  return { window, cookies, beacons, fetches, warnings };
}

describe('browser SDK bundle', () => {
  let code: string;
  let bytes: Buffer;

  beforeAll(async () => {
    bytes = await buildSdkBundle();
    code = bytes.toString('utf8');
  });

  const run = (page: FakePage): FakePage => {
    runInNewContext(code, page.window);
    return page;
  };
  const bodyOf = async (page: FakePage, i = 0) => JSON.parse(await page.beacons[i].body.text());

  it('is one IIFE under 4 KB gzipped, with no imports or requires', () => {
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    expect(gzipped).toBeLessThan(4096);
    expect(code).toMatch(/^"use strict";\(\(\)=>\{/);
    expect(code).not.toMatch(/\brequire\(|\bimport\s*[({"']|\bexport\s/);
  });

  it('finds its TypeScript source from the source tree and from dist', () => {
    expect(findSdkEntry()).toMatch(/libs\/browser-sdk\/snippet\/tracklayer\.ts$/);
    expect(findSdkEntry(`${process.cwd()}/dist/libs/browser-sdk/src`)).toBe(findSdkEntry());
  });

  it('stores the landing ttclid and an anonymous id in first-party cookies on the registrable domain', async () => {
    const page = run(fakePage({ href: 'https://www.shop.co.uk/landing?ttclid=E.C.P.land' }));
    expect(page.cookies.get('ttclid')).toEqual({ value: 'E.C.P.land', domain: 'shop.co.uk', attributes: 'Max-Age=2592000; Path=/; Domain=shop.co.uk; SameSite=Lax; Secure' });
    const aid = page.cookies.get('tl_aid');
    expect(aid?.value).toMatch(/^[\da-f-]{36}$/);
    expect(aid?.attributes).toBe('Max-Age=31536000; Path=/; Domain=shop.co.uk; SameSite=Lax; Secure');
    expect(page.cookies.has('tl_probe')).toBe(false);

    page.cookies.set('_ttp', { value: 'ttp-pixel', attributes: '' });
    const fbp = page.cookies.get('_fbp')?.value;
    const eventId = page.window.tracklayer.track('purchase', { value: 42, currency: 'USD', order_id: 'A1' }, { email: 'ada@example.com' });
    expect(eventId).toMatch(/^[\da-f]{8}-[\da-f]{4}-4/);
    expect(page.beacons).toHaveLength(1);
    expect(page.beacons[0].url).toBe('https://api.tracklayer.test/v1/ingest?key=tl_live_test');
    expect(page.beacons[0].body.type).toBe('text/plain');
    expect(await bodyOf(page)).toEqual({
      event: 'purchase',
      event_id: eventId,
      anonymous_id: aid?.value,
      user: { email: 'ada@example.com', locale: 'en-GB' },
      page: { url: 'https://www.shop.co.uk/landing?ttclid=E.C.P.land' },
      properties: { value: 42, currency: 'USD', order_id: 'A1' },
      cookies: { _ttp: 'ttp-pixel', ttclid: 'E.C.P.land', _fbp: fbp },
    });
  });

  it("writes Meta's _fbc from a landing fbclid and makes an _fbp, 90 days, on the registrable domain", async () => {
    const before = Date.now();
    const page = run(fakePage({ href: 'https://www.shop.co.uk/landing?fbclid=IwAR_Land-1' }));
    const fbc = page.cookies.get('_fbc');
    const fbp = page.cookies.get('_fbp');
    // shop.co.uk has three labels: subdomain index 2, as Meta's parameter builder counts it.
    expect(fbc?.value).toMatch(/^fb\.2\.\d{13}\.IwAR_Land-1$/);
    expect(Number(fbc?.value.split('.')[2])).toBeGreaterThanOrEqual(before);
    expect(fbc?.attributes).toBe('Max-Age=7776000; Path=/; Domain=shop.co.uk; SameSite=Lax; Secure');
    expect(fbp?.value).toMatch(/^fb\.2\.\d{13}\.\d{1,10}$/);
    expect(Number(fbp?.value.split('.')[3])).toBeLessThan(2 ** 31);
    page.window.tracklayer.track('view_item', {});
    expect((await bodyOf(page)).cookies).toEqual({ _fbc: fbc?.value, _fbp: fbp?.value });
  });

  it('keeps an _fbc for the same click and its first time, replaces it for a new click, and keeps an existing _fbp', () => {
    const first = fakePage({ href: 'https://shop.example/?fbclid=IwAR_same' });
    first.cookies.set('_fbc', { value: 'fb.1.1700000000000.IwAR_same', attributes: '' });
    first.cookies.set('_fbp', { value: 'fb.1.1700000000000.77', attributes: '' });
    run(first);
    expect(first.cookies.get('_fbc')?.value).toBe('fb.1.1700000000000.IwAR_same');
    expect(first.cookies.get('_fbp')?.value).toBe('fb.1.1700000000000.77');

    const second = fakePage({ href: 'https://shop.example/?fbclid=IwAR_new' });
    second.cookies.set('_fbc', { value: 'fb.1.1700000000000.IwAR_same', attributes: '' });
    run(second);
    expect(second.cookies.get('_fbc')?.value).toMatch(/^fb\.1\.\d{13}\.IwAR_new$/);
  });

  it('runs calls queued by the inline stub, in order, and keeps push() working after load', async () => {
    const page = run(fakePage({ href: 'https://shop.example/', queued: [['identify', { external_id: 'u-1' }], ['track', 'add_to_cart', { event_id: 'q-1' }], ['nope']] }));
    page.window.tracklayer.push(['track', 'lead', {}, {}, { event_id: 'q-2' }]);
    expect(page.beacons).toHaveLength(2);
    expect(await bodyOf(page, 0)).toMatchObject({ event: 'add_to_cart', event_id: 'q-1', user: { external_id: 'u-1' } });
    expect(await bodyOf(page, 1)).toMatchObject({ event: 'lead', event_id: 'q-2' });
  });

  it('lives without cookies: no throw, ttclid from the URL, an in-memory anonymous id', async () => {
    for (const mode of ['throw', 'drop'] as const) {
      const page = run(fakePage({ href: 'https://shop.example/?ttclid=E.C.P.nocookie', cookies: mode }));
      const eventId = page.window.tracklayer.track('purchase', { value: 1, currency: 'EUR' });
      expect(eventId).toEqual(expect.any(String));
      const body = await bodyOf(page);
      expect(body.cookies).toEqual({ ttclid: 'E.C.P.nocookie', _fbp: expect.stringMatching(/^fb\.1\.\d{13}\.\d+$/) });
      expect(body.anonymous_id).toBe(page.window.tracklayer.anonymousId());
      expect(page.warnings).toEqual([]);
    }
  });

  it('falls back to fetch with keepalive when sendBeacon is missing, and swallows its failure', async () => {
    const page = run(fakePage({ href: 'https://shop.example/', beacon: false }));
    expect(page.window.tracklayer.track('view_item', {})).toEqual(expect.any(String));
    expect(page.fetches).toEqual([
      {
        url: 'https://api.tracklayer.test/v1/ingest?key=tl_live_test',
        init: expect.objectContaining({ method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain' } }),
      },
    ]);
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('decorates links and adopts a linked anonymous id on the other domain', () => {
    const first = run(fakePage({ href: 'https://shop.example/?ttclid=E.C.P.cross' }));
    const link = first.window.tracklayer.decorate('https://pay.example/checkout?cart=1#top');
    const fbp = first.cookies.get('_fbp')?.value as string;
    expect(link).toMatch(/^https:\/\/pay\.example\/checkout\?cart=1&ttclid=E\.C\.P\.cross&_fbp=fb\.1\.\d+\.\d+&tl_aid=[\da-f-]{36}\.[\da-z]+#top$/);

    const second = run(fakePage({ href: link }));
    expect(second.window.tracklayer.anonymousId()).toBe(first.window.tracklayer.anonymousId());
    expect(second.cookies.get('ttclid')?.value).toBe('E.C.P.cross');
    expect(second.cookies.get('_fbp')?.value).toBe(fbp);
    expect(second.cookies.get('tl_aid')?.value).toBe(first.window.tracklayer.anonymousId());
  });

  it('never throws into the page on bad arguments, and warns once without a key', () => {
    const page = run(fakePage({ href: 'https://shop.example/', key: '' }));
    const api = page.window.tracklayer;
    expect(api.track(undefined)).toBeUndefined();
    expect(api.track('x', 'junk', 42, null)).toEqual(expect.any(String));
    expect(() => api.identify(null)).not.toThrow();
    expect(() => api.push(null)).not.toThrow();
    expect(() => api.decorate(undefined)).not.toThrow();
    expect(page.beacons).toHaveLength(0);
    expect(page.warnings).toHaveLength(1);
  });
});
