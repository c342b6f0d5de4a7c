import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialVault, credentialVaultFromConfig } from '@app/platforms';
import { bearer, createTestApp, TestApp, TestSandbox, waitFor } from '@app/testing';
import { DEMO_META_PIXEL, DEMO_PIXEL } from '../../scripts/lib/demo-pixel';
import { DemoKeyStore } from '../../scripts/lib/demo-key.store';
import { DEMO_KEY_NAME, demoBanner, seedDemo } from '../../scripts/lib/demo-seed';
import { SandboxAdminClient } from '../../scripts/lib/sandbox-admin.client';
import { registerSandboxPixels } from '../../scripts/lib/sandbox-pixels';

// What `npm run dev` does at each start (scripts/dev.sh), step by step with the same code: the
// sandbox, its pixels from the database, the api and worker, the demo seed. Then everything stops
// and starts again over the same database with a sandbox that remembers nothing.
const DEV = { QUEUE_PREFIX: '', TRACKLAYER_ROLES: 'api,worker', DELIVERY_SWEEP_INTERVAL_MS: '200', DELIVERY_REQUESTS_PER_SECOND: '1000' };
const EMAIL = 'demo@tracklayer.local';
const PASSWORD = 'tracklayer-demo';

interface DevInstance {
  sandbox: TestSandbox;
  api: TestApp;
  url: string;
}

describe('npm run dev, restarted', () => {
  const keyDirectory = mkdtempSync(join(tmpdir(), 'tl-demo-keys-'));
  const running: DevInstance[] = [];
  afterAll(async () => {
    for (const instance of [...running]) await stop(instance);
    rmSync(keyDirectory, { recursive: true, force: true });
  });

  // The first start has no database yet: the api clones one, then the pixels are registered
  // (only the demo pixel exists), exactly as before any connector exists. Later starts register
  // the database's pixels before the api and worker start, as scripts/dev.sh does.
  let vault: CredentialVault | undefined;
  async function start(databaseUrl?: string): Promise<DevInstance> {
    const sandbox = await TestSandbox.start();
    const starting: Partial<DevInstance> & { sandbox: TestSandbox } = { sandbox };
    running.push(starting as DevInstance);
    const env = { ...DEV, TIKTOK_API_BASE_URL: sandbox.url, META_API_BASE_URL: sandbox.url };
    if (databaseUrl && vault) {
      const result = await registerSandboxPixels(databaseUrl, vault, new SandboxAdminClient(sandbox.url));
      expect(result.unreadable).toEqual([]);
      starting.api = await createTestApp({ ...env, DATABASE_URL: databaseUrl });
    } else {
      starting.api = await createTestApp(env);
      vault = credentialVaultFromConfig(starting.api.config);
      await registerSandboxPixels(starting.api.databaseUrl, vault, new SandboxAdminClient(sandbox.url));
    }
    await starting.api.app.listen(0, '127.0.0.1');
    starting.url = await starting.api.app.getUrl();
    return starting as DevInstance;
  }

  async function stop(instance: DevInstance): Promise<void> {
    running.splice(running.indexOf(instance), 1);
    await instance.api?.close();
    await instance.sandbox.close();
  }

  const seed = (instance: DevInstance) =>
    seedDemo({
      apiUrl: instance.url,
      sandboxUrl: instance.sandbox.url,
      tiktokApiBaseUrl: instance.sandbox.url,
      metaSandboxUrl: instance.sandbox.url,
      email: EMAIL,
      password: PASSWORD,
      keys: new DemoKeyStore(keyDirectory, instance.api.databaseUrl),
    });
  const login = async (instance: DevInstance) =>
    (await instance.api.http.post('/v1/auth/login').send({ email: EMAIL, password: PASSWORD }).expect(200)).body.accessToken as string;
  const send = (instance: DevInstance, key: string, eventId: string) =>
    instance.api.http
      .post('/v1/ingest')
      .set('Authorization', `Bearer ${key}`)
      // Meta refuses a Purchase without a value, and an event without a customer identifier.
      .send({ event: 'purchase', event_id: eventId, user: { email: 'ada@example.com' }, properties: { value: 9, currency: 'USD' } })
      .expect(202);
  const receivedBy = (instance: DevInstance, pixelCode: string, eventId: string) =>
    waitFor(
      () => instance.sandbox.deliveredEvents(pixelCode),
      (events) => events.some((e) => e.event_id === eventId),
    );
  const receivedByMeta = (instance: DevInstance, eventId: string) =>
    waitFor(
      () => instance.sandbox.metaEvents(DEMO_META_PIXEL.pixelCode),
      (events) => events.some((e) => e.event_id === eventId),
    );

  it('keeps the demo connector and a hand-made one active, delivers the next event, and prints the same key', async () => {
    const first = await start();
    const seeded = await seed(first);
    expect(seeded.keyReused).toBe(false);
    expect(seeded.connector).toMatchObject({ status: 'active', pixelCode: DEMO_PIXEL.pixelCode });
    const banner = demoBanner(seeded);
    expect(banner).toContain(seeded.ingestKey);
    expect(banner).toContain(`pixel ${DEMO_PIXEL.pixelCode}, access token ${DEMO_PIXEL.accessToken}`);
    expect(seeded.metaConnector).toMatchObject({ status: 'active', pixelCode: DEMO_META_PIXEL.pixelCode });
    expect(banner).toContain(`pixel ${DEMO_META_PIXEL.pixelCode}, access token ${DEMO_META_PIXEL.accessToken}`);
    // The dashboard's URL with the demo login, and demo events delivered, so Health is not empty.
    expect(banner).toContain(`Dashboard     ${first.url}/   (log in as ${EMAIL} / ${PASSWORD})`);
    const metrics = await waitFor(
      async () => (await first.api.http.get(`/v1/workspaces/${seeded.workspace.id}/metrics`).set(bearer(await login(first))).expect(200)).body,
      (report) => report.delivered >= 3,
    );
    expect(metrics).toMatchObject({ received: 3, accepted: 3, rejected: 0 });
    expect(metrics.clickIdCoverage.restored).toBeGreaterThan(0);
    expect(metrics.checks.length).toBeGreaterThan(0);

    // A developer's own connector, with a pixel they registered in the sandbox by hand, and a
    // demo key left by an earlier version of the seed (it minted one per start).
    const token = await login(first);
    const workspaceId = seeded.workspace.id;
    const own = await first.sandbox.registerPixel();
    await first.api.http
      .post(`/v1/workspaces/${workspaceId}/connectors`)
      .set(bearer(token))
      .send({ platform: 'tiktok', name: 'My pixel', ...own })
      .expect(201);
    const legacy = await first.api.http
      .post(`/v1/workspaces/${workspaceId}/ingest-keys`)
      .set(bearer(token))
      .send({ name: 'npm run dev 2026-11-30T09:00:00.000Z' })
      .expect(201);
    const handMade = await first.api.http.post(`/v1/workspaces/${workspaceId}/ingest-keys`).set(bearer(token)).send({ name: 'My server' }).expect(201);

    await send(first, seeded.ingestKey, 'before-restart');
    await receivedBy(first, DEMO_PIXEL.pixelCode, 'before-restart');
    await receivedBy(first, own.pixelCode, 'before-restart');
    await receivedByMeta(first, 'before-restart');
    const databaseUrl = first.api.databaseUrl;
    await stop(first);

    const second = await start(databaseUrl);
    const reseeded = await seed(second);
    expect(reseeded.ingestKey).toBe(seeded.ingestKey);
    expect(reseeded.keyReused).toBe(true);
    expect(reseeded.revokedKeys).toBe(1);

    await send(second, reseeded.ingestKey, 'after-restart');
    await receivedBy(second, DEMO_PIXEL.pixelCode, 'after-restart');
    await receivedBy(second, own.pixelCode, 'after-restart');
    // The restarted sandbox knew the Meta pixel too before the worker sent anything.
    await receivedByMeta(second, 'after-restart');
    const connectors = (await second.api.http.get(`/v1/workspaces/${workspaceId}/connectors`).set(bearer(await login(second))).expect(200)).body;
    expect(connectors.map((c: { name: string; status: string }) => [c.name, c.status]).sort()).toEqual([
      ['Demo Meta pixel (sandbox)', 'active'],
      ['Demo pixel (sandbox)', 'active'],
      ['My pixel', 'active'],
    ]);

    const keys: Array<{ id: string; name: string; revokedAt: string | null }> = (
      await second.api.http.get(`/v1/workspaces/${workspaceId}/ingest-keys`).set(bearer(await login(second))).expect(200)
    ).body;
    const active = keys.filter((k) => k.revokedAt === null).map((k) => k.name).sort();
    expect(active).toEqual([DEMO_KEY_NAME, 'My server'].sort());
    expect(keys.find((k) => k.id === legacy.body.id)?.revokedAt).not.toBeNull();
    expect(keys.find((k) => k.id === handMade.body.id)?.revokedAt).toBeNull();

    // The key file is the developer's alone.
    const keyFile = new DemoKeyStore(keyDirectory, databaseUrl).path;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ workspaceId, key: seeded.ingestKey });
  });

  it('mints a new demo key, and revokes the old one, when the stored key was revoked or the file is damaged', async () => {
    const instance = await start();
    const seeded = await seed(instance);
    const store = new DemoKeyStore(keyDirectory, instance.api.databaseUrl);
    const token = await login(instance);
    const keyId = JSON.parse(readFileSync(store.path, 'utf8')).keyId as string;
    await instance.api.http.delete(`/v1/workspaces/${seeded.workspace.id}/ingest-keys/${keyId}`).set(bearer(token)).expect(204);

    const afterRevoke = await seed(instance);
    expect(afterRevoke.keyReused).toBe(false);
    expect(afterRevoke.ingestKey).not.toBe(seeded.ingestKey);

    store.write({ workspaceId: seeded.workspace.id, keyId: 'not-a-key', key: 'tl_live_damaged' });
    const afterDamage = await seed(instance);
    expect(afterDamage.keyReused).toBe(false);
    expect(afterDamage.revokedKeys).toBe(1);
    const keys: Array<{ name: string; revokedAt: string | null }> = (
      await instance.api.http.get(`/v1/workspaces/${seeded.workspace.id}/ingest-keys`).set(bearer(token)).expect(200)
    ).body;
    expect(keys.filter((k) => k.revokedAt === null)).toHaveLength(1);
  });
});
