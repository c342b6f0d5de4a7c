import { buildEvent, PageContext } from './ingest-event.builder';

const page = (over: Partial<PageContext> = {}): PageContext => ({
  anonymousId: 'aid-1',
  url: 'https://shop.example/thanks',
  referrer: 'https://shop.example/cart',
  ttclid: 'E.C.P.x',
  ttp: 'ttp-1',
  fbc: 'fb.1.1764000000000.IwAR_x',
  fbp: 'fb.1.1764000000000.42',
  locale: 'en-US',
  identified: {},
  newId: () => 'generated-id',
  ...over,
});

describe('buildEvent', () => {
  it('builds the Ingest API shape with a generated event_id', () => {
    const built = buildEvent('purchase', { value: 42, currency: 'USD', order_id: 'A1' }, { email: 'ada@example.com' }, undefined, page());
    expect(built).toEqual({
      eventId: 'generated-id',
      body: {
        event: 'purchase',
        event_id: 'generated-id',
        anonymous_id: 'aid-1',
        user: { email: 'ada@example.com', locale: 'en-US' },
        page: { url: 'https://shop.example/thanks', referrer: 'https://shop.example/cart' },
        properties: { value: 42, currency: 'USD', order_id: 'A1' },
        cookies: { _ttp: 'ttp-1', ttclid: 'E.C.P.x', _fbc: 'fb.1.1764000000000.IwAR_x', _fbp: 'fb.1.1764000000000.42' },
      },
    });
  });

  it("takes the caller's event_id from options first, then from properties, without changing the caller's object", () => {
    const properties = { value: 1, event_id: 'from-props' };
    expect(buildEvent('purchase', properties, undefined, { event_id: 'from-options' }, page())?.eventId).toBe('from-options');
    const fromProps = buildEvent('purchase', properties, undefined, undefined, page());
    expect(fromProps?.eventId).toBe('from-props');
    expect(fromProps?.body.properties).toEqual({ value: 1 });
    expect(properties).toEqual({ value: 1, event_id: 'from-props' });
    expect(buildEvent('purchase', { event_id: 1001 }, undefined, undefined, page())?.eventId).toBe('1001');
    expect(buildEvent('purchase', { event_id: '' }, undefined, undefined, page())?.eventId).toBe('generated-id');
  });

  it('merges identify() fields under the call\'s user fields, keeping a given locale', () => {
    const built = buildEvent('lead', {}, { phone: '+1 213', locale: 'fr-FR' }, undefined, page({ identified: { email: 'a@b.c', phone: 'old' } }));
    expect(built?.body.user).toEqual({ email: 'a@b.c', phone: '+1 213', locale: 'fr-FR' });
  });

  it('sends only the click ids and referrer that exist, and passes event_time and limited_data_use through', () => {
    const built = buildEvent('view', null, 'junk', { event_time: 1764000000, limited_data_use: true }, page({ ttclid: undefined, ttp: undefined, fbc: undefined, fbp: undefined, referrer: '', locale: undefined }));
    expect(built?.body).toEqual({
      event: 'view',
      event_id: 'generated-id',
      anonymous_id: 'aid-1',
      user: {},
      page: { url: 'https://shop.example/thanks' },
      properties: {},
      cookies: {},
      event_time: 1764000000,
      limited_data_use: true,
    });
  });

  it('cuts page URLs to what the ingest API accepts', () => {
    const long = 'https://shop.example/?q=' + 'x'.repeat(9000);
    const built = buildEvent('view', {}, {}, {}, page({ url: long, referrer: long }));
    expect((built?.body.page as { url: string; referrer: string }).url).toHaveLength(8192);
    expect((built?.body.page as { url: string; referrer: string }).referrer).toHaveLength(8192);
  });

  it('refuses an event without a name', () => {
    expect(buildEvent('', {}, {}, {}, page())).toBeUndefined();
    expect(buildEvent(undefined, {}, {}, {}, page())).toBeUndefined();
    expect(buildEvent({ event: 'x' }, {}, {}, {}, page())).toBeUndefined();
  });
});
