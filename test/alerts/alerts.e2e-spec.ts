import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import {
  addMember,
  bearer,
  createTestApp,
  createTestWorker,
  deliveredEvent,
  FAST_DELIVERY,
  IngestWorkspace,
  ingestWorkspace,
  signUp,
  TestApp,
  TestSandbox,
  TestWorker,
  waitFor,
} from '@app/testing';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

// The check docs/alerts.md gives receivers, as written there.
function verifyTrackLayerSignature(header: string | undefined, rawBody: string, secret: string, toleranceSeconds = 300): boolean {
  const fields = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=', 2)));
  const t = Number(fields.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${fields.t}.${rawBody}`).digest();
  const given = Buffer.from(fields.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// A local HTTP receiver: records every request; answers 500 to the first `failFirst` of a path.
async function startReceiver(): Promise<{ url: string; received: Received[]; failFirst: Map<string, number>; close(): Promise<void> }> {
  const received: Received[] = [];
  const failFirst = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const failures = failFirst.get(path) ?? 0;
      failFirst.set(path, failures - 1);
      res.writeHead(failures > 0 ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, received, failFirst, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const ALERTS = { ALERTS_EVALUATE_INTERVAL_MS: '200', ALERTS_WEBHOOK_BACKOFF_BASE_MS: '100', ALERTS_WEBHOOK_BACKOFF_MAX_MS: '200' };

// Credential failures alert: the worker's rules raise one alert per invalid connector, stored per
// workspace and POSTed once, signed, to the workspace's webhook.
describe('alerts', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let worker: TestWorker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    receiver = await startReceiver();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY, ...ALERTS });
    worker = await createTestWorker(t, { ...FAST_DELIVERY, ...ALERTS });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sandbox.close();
    await receiver.close();
  });

  const alerts = (ws: IngestWorkspace, query = '') => t.http.get(`/v1/workspaces/${ws.workspaceId}/alerts${query}`).set(bearer(ws.token));
  const setWebhook = (ws: IngestWorkspace, body: object) => t.http.put(`/v1/workspaces/${ws.workspaceId}/webhook`).set(bearer(ws.token)).send(body);
  const ingest = (ws: IngestWorkspace, body: object) => t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body).expect(202);
  const at = (path: string) => () => Promise.resolve(receiver.received.filter((r) => r.path === path));

  it('a token revoked at TikTok: the delivery fails, exactly one signed webhook arrives, and the alert is listed', async () => {
    const ws = await ingestWorkspace(t.http, 'alerts', sandbox);
    const created = await setWebhook(ws, { url: `${receiver.url}/revoked` }).expect(200);
    expect(created.body).toMatchObject({ url: `${receiver.url}/revoked`, secret: expect.stringMatching(/^whsec_/) });
    const secret = created.body.secret as string;
    // Shown once: reading it back, or changing the URL, never returns the secret.
    expect((await t.http.get(`/v1/workspaces/${ws.workspaceId}/webhook`).set(bearer(ws.token)).expect(200)).body.secret).toBeUndefined();

    await ingest(ws, { event: 'purchase', event_id: 'before-revoke' });
    await deliveredEvent(sandbox, ws.pixel?.pixelCode, (event) => event.event_id === 'before-revoke');
    expect((await alerts(ws).expect(200)).body).toEqual([]);

    await sandbox.revokeToken(ws.pixel?.accessToken as string);
    await ingest(ws, { event: 'purchase', event_id: 'after-revoke' });

    const [hook] = await waitFor(at('/revoked'), (got) => got.length > 0);
    // Several more rounds of the rules and the sender: still one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await at('/revoked')()).toHaveLength(1);

    expect(hook.headers['content-type']).toBe('application/json');
    const signature = hook.headers['tracklayer-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyTrackLayerSignature(signature, hook.body, secret)).toBe(true);
    // A wrong signature, secret or body is detected by the same check.
    const flipped = signature.replace(/v1=(.)/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    expect(verifyTrackLayerSignature(flipped, hook.body, secret)).toBe(false);
    expect(verifyTrackLayerSignature(signature, hook.body, 'whsec_wrong')).toBe(false);
    expect(verifyTrackLayerSignature(signature, hook.body.replace('connector_invalid', 'no_traffic'), secret)).toBe(false);

    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      id: expect.any(String),
      type: 'connector_invalid',
      workspaceId: ws.workspaceId,
      subject: ws.connectorId,
      details: { connector: { id: ws.connectorId, name: 'TikTok', platform: 'tiktok' }, code: 40105, message: expect.stringContaining('revoked') },
    });

    const listed = await waitFor(
      async () => (await alerts(ws).expect(200)).body,
      (rows) => rows[0]?.webhook.status === 'sent',
    );
    expect(listed).toEqual([
      expect.objectContaining({
        id: body.id,
        kind: 'connector_invalid',
        subject: ws.connectorId,
        status: 'open',
        webhook: { status: 'sent', attempts: 1, sentAt: expect.any(String), lastError: null },
      }),
    ]);
    expect((await alerts(ws, '?status=resolved').expect(200)).body).toEqual([]);
  });

  it('a receiver that fails is sent the alert again with backoff; an invalid connector found by the check alerts too', async () => {
    const ws = await ingestWorkspace(t.http, 'alerts-retry', sandbox);
    receiver.failFirst.set('/flaky', 2);
    // The workspace's own secret this time: used for signing, never echoed back.
    const secret = 'my-own-secret-0123456789-abcdef';
    const set = await setWebhook(ws, { url: `${receiver.url}/flaky`, secret }).expect(200);
    expect(set.body.secret).toBeUndefined();
    await sandbox.revokeToken(ws.pixel?.accessToken as string);
    await t.http.post(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}/validate`).set(bearer(ws.token)).expect(422);

    const hooks = await waitFor(at('/flaky'), (got) => got.length >= 3);
    expect(new Set(hooks.map((h) => JSON.parse(h.body).id)).size).toBe(1);
    for (const hook of hooks) expect(verifyTrackLayerSignature(hook.headers['tracklayer-signature'] as string, hook.body, secret)).toBe(true);
    const [alert] = await waitFor(
      async () => (await alerts(ws).expect(200)).body,
      (rows) => rows[0]?.webhook.status === 'sent',
    );
    expect(alert.webhook).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('is workspace-scoped: another workspace sees none, and cannot read this one', async () => {
    const ws = await ingestWorkspace(t.http, 'alerts-owner', sandbox);
    await sandbox.revokeToken(ws.pixel?.accessToken as string);
    await t.http.post(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}/validate`).set(bearer(ws.token)).expect(422);
    const mine = await waitFor(
      async () => (await alerts(ws).expect(200)).body,
      (rows) => rows.length === 1,
    );
    // No webhook when it was raised: stored and listed, never sent.
    expect(mine[0].webhook.status).toBe('none');

    const other = await ingestWorkspace(t.http, 'alerts-other');
    expect((await alerts(other).expect(200)).body).toEqual([]);
    await t.http.get(`/v1/workspaces/${ws.workspaceId}/alerts`).set(bearer(other.token)).expect(404);
    await t.http.put(`/v1/workspaces/${ws.workspaceId}/webhook`).set(bearer(other.token)).send({ url: 'https://x.example' }).expect(404);
  });

  it('validates the webhook URL, needs an admin to set it, and clears it', async () => {
    const ws = await ingestWorkspace(t.http, 'alerts-settings');
    const bad = await setWebhook(ws, { url: 'not a url' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('url');
    await setWebhook(ws, { url: 'ftp://files.example/x' }).expect(400);
    const shortSecret = await setWebhook(ws, { url: 'https://hooks.example/a', secret: 'short' }).expect(400);
    expect(shortSecret.body.details.fields).toEqual([{ field: 'secret', message: expect.stringContaining('16 to 256') }]);
    const both = await setWebhook(ws, { url: 'https://hooks.example/a', secret: 'a-long-enough-secret-1234', rotateSecret: true }).expect(400);
    expect(both.body.details.fields).toEqual([{ field: 'secret', message: expect.stringContaining('not both') }]);
    const withPassword = await setWebhook(ws, { url: 'https://user:secret@hooks.example/a' }).expect(400);
    expect(withPassword.body.details.fields).toEqual([{ field: 'url', message: expect.stringContaining('user name or password') }]);

    const member = await signUp(t.http, 'alerts-member');
    await addMember(t.http, ws, member, 'member');
    await t.http.put(`/v1/workspaces/${ws.workspaceId}/webhook`).set(bearer(member.token)).send({ url: 'https://hooks.example/a' }).expect(403);
    await t.http.get(`/v1/workspaces/${ws.workspaceId}/alerts`).set(bearer(member.token)).expect(200);

    const first = await setWebhook(ws, { url: 'https://hooks.example/a' }).expect(200);
    const moved = await setWebhook(ws, { url: 'https://hooks.example/b' }).expect(200);
    expect(moved.body).toMatchObject({ url: 'https://hooks.example/b' });
    expect(moved.body.secret).toBeUndefined();
    const rotated = await setWebhook(ws, { url: 'https://hooks.example/b', rotateSecret: true }).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(first.body.secret);

    await t.http.delete(`/v1/workspaces/${ws.workspaceId}/webhook`).set(bearer(ws.token)).expect(204);
    await t.http.get(`/v1/workspaces/${ws.workspaceId}/webhook`).set(bearer(ws.token)).expect(404);
    await t.http.delete(`/v1/workspaces/${ws.workspaceId}/webhook`).set(bearer(ws.token)).expect(404);
  });
});

// The two rules about traffic, with limits a test can reach: a quiet workspace (its events made
// older than the window) and a batch that is mostly rejected.
describe('alerts about traffic', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let worker: TestWorker;
  const env = { ...ALERTS, ALERTS_NO_TRAFFIC_MINUTES: '30', ALERTS_REJECTION_MIN_EVENTS: '4', ALERTS_MAX_REJECTION_RATE: '0.5' };

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY, ...env });
    worker = await createTestWorker(t, { ...FAST_DELIVERY, ...env });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sandbox.close();
  });

  const alerts = async (ws: IngestWorkspace) => (await t.http.get(`/v1/workspaces/${ws.workspaceId}/alerts`).set(bearer(ws.token)).expect(200)).body;
  const ingest = (ws: IngestWorkspace, body: object) => t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body).expect(202);

  it('no events for the window after traffic raises no_traffic; an event resolves it', async () => {
    const ws = await ingestWorkspace(t.http, 'quiet', sandbox);
    await ingest(ws, { event: 'purchase', event_id: 'long-ago' });
    // The window passing, without waiting for it.
    await t.db.query(`UPDATE events SET received_at = now() - interval '40 minutes' WHERE workspace_id = $1`, [ws.workspaceId]);
    const [raised] = await waitFor(() => alerts(ws), (rows) => rows.length === 1);
    expect(raised).toMatchObject({ kind: 'no_traffic', subject: 'workspace', status: 'open', details: { windowMinutes: 30 } });

    await ingest(ws, { event: 'purchase', event_id: 'back-again' });
    const [resolved] = await waitFor(() => alerts(ws), (rows) => rows[0]?.status === 'resolved');
    expect(resolved).toMatchObject({ id: raised.id, resolvedAt: expect.any(String) });

    // Kept for ALERTS_RETENTION_DAYS (30) after it was resolved, then deleted by the worker.
    await t.db.query(`UPDATE alerts SET resolved_at = now() - interval '31 days' WHERE workspace_id = $1`, [ws.workspaceId]);
    await waitFor(() => alerts(ws), (rows) => rows.length === 0);
  });

  it('a rejection rate above the threshold raises rejection_rate once', async () => {
    const ws = await ingestWorkspace(t.http, 'rejecting', sandbox);
    await ingest(ws, { batch: [{ event: 'purchase', event_id: 'fine' }, { event_id: 'a' }, { event_id: 'b' }, { event_id: 'c' }] });
    const [raised] = await waitFor(() => alerts(ws), (rows) => rows.length === 1);
    expect(raised).toMatchObject({ kind: 'rejection_rate', status: 'open', details: { rejected: 3, received: 4, rate: 0.75, threshold: 0.5 } });
    // All rejected: the batch answers 400, and counts.
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ batch: [{ event_id: 'd' }, { event_id: 'e' }] }).expect(400);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await alerts(ws)).toHaveLength(1);
  });
});
