import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Database, ObservedStatement, partitionKeyRange, Transaction } from '@app/core';
import { bearer, createTestApp, expectSnapshotFile, ingestWorkspace, materializeDeliveries, rolledBackIn, signUp, TestApp, TestSandbox, waitFor } from '@app/testing';
import { REPOSITORY_SAMPLES, SampleFixture, WORKER_ONLY_REPOSITORIES } from './repository-samples';

const ROOT = join(__dirname, '..', '..');

function repositoryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return repositoryFiles(path);
    return path.endsWith('.repository.ts') ? [path] : [];
  });
}

// The file that declares each repository class, so its SQL is written beside it.
const sourceOf = new Map(
  repositoryFiles(join(ROOT, 'libs')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/export class (\w+Repository)\b/g)].map((m): [string, string] => [m[1], file]),
  ),
);

// Immich's habit: the SQL of every repository method, committed beside the repository as
// <name>.repository.sql, so a changed query shows up in review as a diff of SQL. Each method runs
// once with sample arguments (repository-samples.ts) against a real database; what it sends is
// recorded. A mismatch with the committed file fails; UPDATE_SNAPSHOTS=1 rewrites the files.
describe('repository SQL', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let fixture: SampleFixture;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
    const ws = await ingestWorkspace(t.http, 'repository-sql', sandbox);
    const other = await signUp(t.http, 'repository-sql-other');
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase', event_id: 'sample-1' }).expect(202);
    const [event] = await t.db.query('SELECT id, received_at FROM events WHERE workspace_id = $1', [ws.workspaceId]);
    // This app runs no worker: its step that writes the event's delivery row from the cursor is run here.
    await waitFor(
      () => materializeDeliveries(t, ws, 10),
      (materialized) => !materialized.more,
    );
    const [delivery] = await t.db.query('SELECT id::text FROM deliveries WHERE event_ref = $1', [event.id]);
    const [key] = (await t.http.get(`/v1/workspaces/${ws.workspaceId}/ingest-keys`).set(bearer(ws.token)).expect(200)).body;
    const db = t.app.get(Database);
    fixture = {
      db,
      workspaceId: ws.workspaceId,
      userId: ws.userId,
      email: ws.email,
      otherUserId: other.userId,
      keyId: key.id,
      connectorId: ws.connectorId as string,
      eventRef: event.id,
      deliveryId: delivery.id,
      received: partitionKeyRange([event.received_at]),
      rolledBack: (work: (tx: Transaction) => Promise<unknown>) => rolledBackIn(db, work),
      get: (type) => t.app.get(type),
    };
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('has a sample call for every method of every repository the app provides', () => {
    const discovered = new DiscoveryService(t.app.get(ModulesContainer))
      .getProviders()
      .map((wrapper) => wrapper.metatype as { name?: string; prototype?: object } | undefined)
      .filter((type): type is { name: string; prototype: object } => Boolean(type?.name?.endsWith('Repository')))
      .concat(WORKER_ONLY_REPOSITORIES);
    const methods = (type: { prototype: object }) => Object.getOwnPropertyNames(type.prototype).filter((name) => name !== 'constructor');
    const expected = [...new Set(discovered)].flatMap((type) => methods(type).map((method) => `${type.name}.${method}`)).sort();
    const sampled = REPOSITORY_SAMPLES.flatMap(([type, samples]) => Object.keys(samples).map((method) => `${type.name}.${method}`)).sort();
    expect(sampled).toEqual(expected);
  });

  it.each(REPOSITORY_SAMPLES.map(([type, samples]) => [type.name, samples] as const))('%s matches its committed .sql file', async (name, samples) => {
    const source = sourceOf.get(name);
    if (!source) throw new Error(`No libs/**/*.repository.ts declares ${name}`);
    const sections: string[] = [];
    for (const [method, call] of Object.entries(samples)) {
      const sent: ObservedStatement[] = [];
      const stop = fixture.db.observe((statement) => sent.push(statement));
      try {
        await call(fixture);
      } finally {
        stop();
      }
      const statements = sent.map((s) => s.text).filter((text) => !/^(BEGIN|COMMIT|ROLLBACK)$/.test(text));
      if (statements.length === 0) throw new Error(`${name}.${method} sent no statement with its sample arguments`);
      sections.push(`-- ${name}.${method}\n${statements.map((text) => `${text.trim()};`).join('\n\n')}\n`);
    }
    const sql = `-- Generated by test/sql/repository-sql.e2e-spec.ts (UPDATE_SNAPSHOTS=1 rewrites it); do not edit.\n\n${sections.join('\n')}`;
    expectSnapshotFile(source.replace(/\.ts$/, '.sql'), sql, `The SQL of ${name}`, 'npx jest test/sql');
  });
});
