import { browserTag, hostChanges, serverCurl } from './install-snippets';

describe('install snippets', () => {
  it('fills the key and the origin into the browser tag', () => {
    const tag = browserTag('https://t.example', 'tl_live_abc');
    expect(tag).toContain('<script src="https://t.example/v1/sdk.js" data-key="tl_live_abc" async></script>');
    expect(tag).toContain("tracklayer.track('page_view');");
    // The queue stub comes first, so the page view waits for the script.
    expect(tag.indexOf('window.tracklayer=')).toBeLessThan(tag.indexOf('sdk.js'));
  });

  it('gives a curl whose body is valid JSON, with the key as Bearer', () => {
    const curl = serverCurl('http://127.0.0.1:3000', 'tl_live_abc');
    expect(curl).toContain("-H 'Authorization: Bearer tl_live_abc'");
    expect(curl.startsWith('curl -s http://127.0.0.1:3000/v1/ingest')).toBe(true);
    const body = /-d '(.*)'$/.exec(curl)?.[1];
    expect(JSON.parse(body ?? '')).toMatchObject({ event: 'purchase', event_id: 'order-A1001' });
  });

  it('offers a host change only for the protocols the api serves, as docs/integrations.md tests them', () => {
    expect(hostChanges('https://t.example', 'k', () => false)).toEqual([]);
    const all = hostChanges('https://t.example', 'k', () => true);
    expect(all.map((c) => c.code)).toEqual([
      "AnalyticsBrowser.load({ writeKey: 'k', cdnURL: 'https://t.example' });",
      "new Analytics({ writeKey: 'k', host: 'https://t.example' });",
      "new RudderAnalytics('k', { dataPlaneUrl: 'https://t.example' });",
      'POST https://t.example/mp/collect?measurement_id=<your G-ID>&api_secret=k',
    ]);
    // analytics.js needs its settings from TrackLayer too.
    const noSettings = hostChanges('https://t.example', 'k', (op) => op === 'POST /v1/batch');
    expect(noSettings.map((c) => c.client)).toEqual(['Segment Node.js (@segment/analytics-node)', 'RudderStack Node.js (@rudderstack/rudder-sdk-node)']);
    expect(hostChanges('https://t.example', 'k', (op) => op === 'POST /mp/collect')).toHaveLength(1);
  });
});
