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

  it('offers a host change only for the protocols the api serves', () => {
    expect(hostChanges('https://t.example', 'k', () => false)).toEqual([]);
    const segment = hostChanges('https://t.example', 'k', (op) => op === 'POST /v1/batch');
    expect(segment.map((c) => c.client)).toEqual(['Segment analytics.js', 'RudderStack JavaScript SDK']);
    expect(segment[0].code).toContain("apiHost: 't.example/v1'");
    expect(hostChanges('https://t.example', 'k', (op) => op === 'POST /mp/collect')[0].code).toContain('/mp/collect?api_secret=k');
  });
});
