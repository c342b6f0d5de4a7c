import { gzipSync } from 'node:zlib';
import { TikTokEvent } from '@app/tiktok';
import { bearer, deliveredEvent, DeliveryStack, IngestWorkspace, ingestWorkspace, sha256Hex as sha, startDeliveryStack, TestApp, TestSandbox, waitFor } from '@app/testing';

// GA4 Measurement Protocol on Google's paths, with the ingest key as api_secret.
describe('GA4 Measurement Protocol (drop-in)', () => {
  let stack: DeliveryStack;
  let sandbox: TestSandbox;
  let api: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    stack = await startDeliveryStack();
    ({ sandbox, api } = stack);
    ws = await ingestWorkspace(api.http, 'ga4', sandbox);
  });
  afterAll(() => stack?.close());

  const deliveredWith = (orderId: string): Promise<TikTokEvent> => deliveredEvent(sandbox, ws.pixel?.pixelCode, (e) => e.properties?.order_id === orderId);
  const metrics = async () => (await api.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;

  const purchase = (transactionId: string) => ({
    client_id: '1234567.89',
    user_id: 'ga4-customer',
    timestamp_micros: String((Date.now() - 30_000) * 1000),
    user_data: { sha256_email_address: [sha('ga4@example.com')], sha256_phone_number: [sha('+12133734253')] },
    events: [
      {
        name: 'purchase',
        params: {
          transaction_id: transactionId,
          value: 42,
          currency: 'EUR',
          page_location: 'https://shop.example/thanks?ttclid=E.C.P.ga4',
          session_id: '17000',
          items: [
            { item_id: 'sku-1', item_name: 'Mug', item_category: 'Kitchen', item_brand: 'Acme', price: 12, quantity: 2 },
            { item_id: 'sku-2', item_name: 'Plate', price: 18 },
          ],
        },
      },
    ],
  });

  it('delivers a purchase with items as CompletePayment with contents, value, hashes and ttclid, and answers 204', async () => {
    await api.http.post(`/mp/collect?measurement_id=G-TEST&api_secret=${ws.ingestKey}`).send(purchase('T-ga4-1')).expect(204);
    const event = await deliveredWith('T-ga4-1');
    expect(event).toMatchObject({
      event: 'CompletePayment',
      event_id: expect.stringMatching(/^d_/),
      user: {
        email: [sha('ga4@example.com')],
        phone: [sha('+12133734253')],
        external_id: [sha('ga4-customer')],
        ttclid: 'E.C.P.ga4',
      },
      page: { url: 'https://shop.example/thanks?ttclid=E.C.P.ga4' },
      properties: {
        value: 42,
        currency: 'EUR',
        order_id: 'T-ga4-1',
        content_type: 'product',
        contents: [
          { content_id: 'sku-1', content_name: 'Mug', content_category: 'Kitchen', brand: 'Acme', price: 12, quantity: 2 },
          { content_id: 'sku-2', content_name: 'Plate', price: 18, quantity: 1 },
        ],
      },
    });
    // A server sent it: never the request's IP or user agent.
    expect(event.user?.ip).toBeUndefined();
    expect(event.user?.user_agent).toBeUndefined();
    expect(event.event_time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - 29);
    expect(event.properties).not.toHaveProperty('session_id');
  });

  it('deduplicates a resent purchase by its transaction id, gzip and text/plain bodies included', async () => {
    const body = JSON.stringify(purchase('T-ga4-dup'));
    await api.http.post(`/mp/collect?api_secret=${ws.ingestKey}`).set('Content-Type', 'text/plain').send(body).expect(204);
    await api.http
      .post(`/mp/collect?api_secret=${ws.ingestKey}`)
      .set('Content-Encoding', 'gzip')
      .set('Content-Type', 'application/octet-stream')
      .send(gzipSync(body))
      .expect(204);
    await deliveredWith('T-ga4-dup');
    const report = await waitFor(metrics, (m) => m.duplicates >= 1);
    expect(report.duplicates).toBe(1);
  });

  it('answers 2xx like Google for an unknown key or a bad body, and counts a bad event as rejected', async () => {
    await api.http.post('/mp/collect?api_secret=tl_live_unknownunknownunknownunknown').send(purchase('T-unknown')).expect(204);
    await api.http.post(`/mp/collect?api_secret=${ws.ingestKey}`).set('Content-Type', 'application/json').send('{not json').expect(204);
    const unreadable = await api.http.post(`/debug/mp/collect?api_secret=${ws.ingestKey}`).set('Content-Type', 'text/plain').send('{not json').expect(200);
    expect(unreadable.body.validationMessages).toEqual([expect.objectContaining({ description: 'The body must be a JSON object.' })]);
    const before = await metrics();
    await api.http
      .post(`/mp/collect?api_secret=${ws.ingestKey}`)
      .send({ client_id: 'c', events: [{ name: '_badEventName' }, { name: 'generate_lead', params: { transaction_id: 'T-lead' } }] })
      .expect(204);
    expect((await deliveredWith('T-lead')).event).toBe('SubmitForm');
    await waitFor(metrics, (m) => m.rejected === before.rejected + 1);
  });

  it('reports a bad event name from /debug/mp/collect, and stores nothing', async () => {
    const answer = await api.http
      .post(`/debug/mp/collect?api_secret=${ws.ingestKey}`)
      .send({ client_id: 'c', events: [{ name: '_badEventName', params: { transaction_id: 'T-debug' } }, { name: 'purchase', params: { currency: 'euro' } }] })
      .expect(200);
    expect(answer.body).toEqual({
      validationMessages: [
        {
          fieldPath: 'events[0].name',
          description: 'Event at index: [0] has invalid name [_badEventName]. Names must not start with a reserved prefix.',
          validationCode: 'NAME_RESERVED',
        },
        {
          fieldPath: 'events[1]',
          description: 'Event at index: [1]: properties.currency must be a 3-letter ISO 4217 code such as "USD".',
          validationCode: 'VALUE_INVALID',
        },
      ],
    });
    const valid = await api.http.post(`/debug/mp/collect?api_secret=${ws.ingestKey}`).send(purchase('T-debug-ok')).expect(200);
    expect(valid.body).toEqual({ validationMessages: [] });
    const unknownKey = await api.http.post('/debug/mp/collect?api_secret=nope').send(purchase('T-debug-key')).expect(200);
    expect(unknownKey.body.validationMessages).toEqual([expect.objectContaining({ fieldPath: 'api_secret' })]);
    const stored = await api.http.get(`/v1/workspaces/${ws.workspaceId}/events?limit=100`).set(bearer(ws.token)).expect(200);
    expect(JSON.stringify(stored.body)).not.toContain('T-debug');
  });
});
