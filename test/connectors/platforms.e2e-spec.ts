import { bearer, createTestApp, signUp, TestApp, TestSandbox } from '@app/testing';

describe('GET /v1/platforms', () => {
  let sandbox: TestSandbox;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('describes each platform publicly: connect-form fields, click ids and the default event names', async () => {
    const { body } = await t.http.get('/v1/platforms').expect(200);
    expect(body).toEqual([
      {
        id: 'tiktok',
        name: 'TikTok',
        credentialFields: [
          { name: 'pixelCode', label: 'Pixel code', secret: false, required: true, help: expect.any(String) },
          { name: 'accessToken', label: 'Access token', secret: true, required: true, help: expect.any(String) },
          { name: 'testEventCode', label: 'Test event code', secret: false, required: false, help: expect.any(String) },
        ],
        clickIds: ['ttclid', 'ttp'],
        clickIdKinds: [
          { kind: 'ttclid', urlParams: ['ttclid'], cookies: ['ttclid'], windowMs: 28 * 86_400_000 },
          { kind: 'ttp', urlParams: [], cookies: ['_ttp'], windowMs: 28 * 86_400_000 },
        ],
        defaultEventNames: expect.objectContaining({ purchase: 'CompletePayment', add_to_cart: 'AddToCart', page_view: 'Pageview' }),
        eventNames: expect.arrayContaining(['CompletePayment', 'Purchase', 'ViewContent', 'Pageview']),
      },
      {
        id: 'meta',
        name: 'Meta',
        // Meta's pixel (dataset) id goes in the pixelCode every connector has.
        credentialFields: [
          { name: 'pixelCode', label: 'Pixel (dataset) ID', secret: false, required: true, help: expect.any(String) },
          { name: 'accessToken', label: 'Conversions API access token', secret: true, required: true, help: expect.any(String) },
          { name: 'testEventCode', label: 'Test event code', secret: false, required: false, help: expect.any(String) },
        ],
        clickIds: ['fbc', 'fbp'],
        clickIdKinds: [
          { kind: 'fbc', urlParams: ['fbclid'], cookies: ['_fbc'], windowMs: 28 * 86_400_000 },
          { kind: 'fbp', urlParams: [], cookies: ['_fbp'], windowMs: 28 * 86_400_000 },
        ],
        defaultEventNames: expect.objectContaining({ purchase: 'Purchase', add_to_cart: 'AddToCart', page_view: 'PageView', CompletePayment: 'Purchase' }),
        eventNames: expect.arrayContaining(['Purchase', 'ViewContent', 'PageView', 'Lead']),
      },
    ]);
    // Every default maps to a name the platform knows.
    for (const platform of body as Array<{ defaultEventNames: Record<string, string>; eventNames: string[] }>) {
      for (const target of Object.values(platform.defaultEventNames)) expect(platform.eventNames).toContain(target);
    }
  });

  it('lists exactly the fields the connectors endpoint takes: a connector made from them is created', async () => {
    const owner = await signUp(t.http, 'platforms');
    const pixel = await sandbox.registerPixel();
    const { body: platforms } = await t.http.get('/v1/platforms').expect(200);
    const values: Record<string, string> = { pixelCode: pixel.pixelCode, accessToken: pixel.accessToken, testEventCode: 'TEST1' };
    const fields = Object.fromEntries((platforms[0].credentialFields as Array<{ name: string }>).map((f) => [f.name, values[f.name]]));
    const created = await t.http
      .post(`/v1/workspaces/${owner.workspaceId}/connectors`)
      .set(bearer(owner.token))
      .send({ platform: platforms[0].id, name: 'From the form', ...fields })
      .expect(201);
    expect(created.body).toMatchObject({ pixelCode: pixel.pixelCode, testEventCode: 'TEST1', status: 'active' });
  });
});
