import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { createTestApp, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox } from '@app/testing';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Redis only carries work; Postgres holds every accepted event. So with Redis gone, ingest still
// answers 202 and the deliveries wait, pending, for the worker's sweeper.
describe('ingest while Redis is down', () => {
  let redis: ChildProcess;
  let sandbox: TestSandbox;
  let t: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    sandbox = await TestSandbox.start();
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, TIKTOK_API_BASE_URL: sandbox.url });
    ws = await ingestWorkspace(t.http, 'outage', sandbox);
  });
  afterAll(async () => {
    redis.kill('SIGKILL');
    await t.close();
    await sandbox.close();
  });

  it('answers 202 and keeps the deliveries pending in Postgres', async () => {
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'page_view', event_id: 'before-outage' }).expect(202);

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));

    const started = Date.now();
    const response = await t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .send({ batch: [{ event: 'purchase', event_id: 'during-outage-1' }, { event: 'purchase', event_id: 'during-outage-2' }] })
      .expect(202);
    expect(response.body.accepted).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);

    const rows = await t.app.get(DataSource).query(
      `SELECT e.event_id, d.status FROM deliveries d JOIN events e ON e.id = d.event_ref
        WHERE d.workspace_id = $1 ORDER BY e.event_id`,
      [ws.workspaceId],
    );
    expect(rows).toEqual([
      { event_id: 'before-outage', status: 'pending' },
      { event_id: 'during-outage-1', status: 'pending' },
      { event_id: 'during-outage-2', status: 'pending' },
    ]);
    const ready = await t.http.get('/health/ready').expect(503);
    expect(ready.body.checks.postgres).toBe('ok');
  });
});
