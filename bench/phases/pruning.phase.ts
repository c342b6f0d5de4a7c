import { checkStoredEvents } from '../checks/stored-events.check';
import type { BenchDatabase } from '../support/bench-database';
import { sleep, waitUntilStable } from '../support/http-json';
import { waitForLogLine } from '../support/log-line';
import { apiUrl } from '../tracklayer/start-tracklayer';
import type { BenchContext } from './bench-context';
import { log, runIngestScenario, ScenarioRun } from './ingest-scenario';

// The storage maintenance's shortest interval (STORAGE_MAINTENANCE_INTERVAL_MS's minimum): a run
// starts a second after the last one ended, so the job works all the time it has a backlog.
const MAINTENANCE_INTERVAL_MS = 1_000;
// Expired dedup claims per second of the time before the measured run (the counters' read, the
// warm-up) and half of it: the job deletes claims (1,000 a statement, no pause) at 100,000 to
// 200,000 a second here (600,000 went in the 3.5 s before a 5-second run), so the claims go
// first, in about that time. Click ids (5,000 a statement, 200 ms apart: at most 25,000 a
// second whatever the machine) come after them in each run of the job, and there are more than
// it can delete in the whole measured run: it is still pruning when the run ends.
const CLAIMS_PER_SECOND = 200_000;
const CLICK_IDS_PER_SECOND = 25_000;
const MARGIN_SECONDS = 5;
// postgresCounters waits this long before a scenario's warm-up (table-writes.ts).
const COUNTERS_READ_SECONDS = 1.5;
// The job prunes at most 50 statements of 1,000 claims per workspace and run (WORKSPACE_BATCHES):
// the claims are spread over as many other workspaces of the install as one run then takes
// whole, rather than 50,000 a run with click ids in between.
const CLAIMS_PER_WORKSPACE = 50_000;
// The windows the job prunes by with default settings (docs/storage.md): the dedup window of
// every workspace here (48 h), the longest attribution window (28 days). The backlog is dated an
// hour and a day past them.
const EXPIRED = {
  event_dedup: `first_seen_at < now() - interval '48 hours'`,
  click_ids: `oldest_captured_at < now() - interval '28 days'`,
};

// Issue 21: pruning "measured to not slow ingest". The native batch load on a workspace and
// connector of its own, three times: before the storage maintenance runs, while it prunes a
// backlog of expired dedup claims and click ids, and after it stopped (A-B-A, targets.ts).
export async function runPruningPhase(ctx: BenchContext): Promise<void> {
  const { api, setup } = ctx;
  if (!api || !setup) throw new Error('the pruning phase needs the TrackLayer stack first');
  log('pruning: native batches before, during and after the storage maintenance prunes expired dedup claims and click ids');
  const target = await setup.ingestTarget('pruning');
  const scenario = {
    config: ctx.config,
    db: ctx.db,
    system: 'tracklayer' as const,
    server: api,
    baseUrl: apiUrl(ctx),
    headers: { authorization: `Bearer ${target.ingestKey}` },
    mode: 'batch' as const,
  };

  await ctx.settle();
  const before = await runIngestScenario({ ...scenario, tag: 'pb1', pruning: 'before' });

  const { warmupSeconds, durationSeconds } = ctx.config;
  const claims = Math.round(CLAIMS_PER_SECOND * (COUNTERS_READ_SECONDS + warmupSeconds + durationSeconds / 2));
  const seedStarted = Date.now();
  const backlog = await seedExpiredRows(ctx.db, { claims, clickIds: CLICK_IDS_PER_SECOND * (warmupSeconds + durationSeconds + MARGIN_SECONDS) });
  log(
    `  backlog: ${backlog.event_dedup} expired dedup claims over ${Math.ceil(claims / CLAIMS_PER_WORKSPACE)} workspaces, ` +
      `${backlog.click_ids} expired click ids, put in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  await ctx.settle();
  const maintenance = ctx.children.start('storage-maintenance', ctx.paths.storageMaintenance, {
    ...ctx.tracklayerEnv,
    TRACKLAYER_ROLES: 'worker',
    STORAGE_MAINTENANCE_INTERVAL_MS: String(MAINTENANCE_INTERVAL_MS),
  });
  let during: ScenarioRun;
  try {
    await waitForLogLine('the storage maintenance', maintenance.logFile, `storage maintenance ${maintenance.pid} running`, maintenance.alive);
    // Measured from the job's first deletes on, not its start-up.
    await waitForPruning(ctx.db, backlog, maintenance.alive);
    during = await runIngestScenario({
      ...scenario,
      tag: 'pb2',
      pruning: 'during',
      maintenance: { pid: maintenance.pid, intervalMs: MAINTENANCE_INTERVAL_MS, backlog, expiredLeft: () => expiredRows(ctx.db) },
    });
    if (!maintenance.alive()) throw new Error(`the storage maintenance exited during the run (log: ${maintenance.logFile})`);
  } finally {
    await maintenance.stop();
  }
  // What autovacuum would do after the deletes, done before the last run rather than during it.
  const vacuumStarted = Date.now();
  await ctx.db.query('VACUUM event_dedup, click_ids');
  log(`  VACUUM event_dedup, click_ids after the pruning: ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s`);
  await ctx.settle();
  const after = await runIngestScenario({ ...scenario, tag: 'pb3', pruning: 'after' });
  ctx.results.ingest.push(before.result, during.result, after.result);

  await waitUntilStable(async () => {
    const [row] = await ctx.db.query<{ count: number }>('SELECT count(*)::int AS count FROM events WHERE workspace_id = $1', [target.workspaceId]);
    return row.count;
  });
  const rows = await ctx.db.query<{ event_id: string }>('SELECT event_id FROM events WHERE workspace_id = $1', [target.workspaceId]);
  const checks = checkStoredEvents([...before.loads, ...during.loads, ...after.loads], rows.map((row) => row.event_id));
  ctx.results.storedEvents.push(...checks.map((check) => ({ ...check, system: 'tracklayer' as const })));
  // The job must not have taken a live claim: every event of the phase still has its own.
  const [unclaimed] = await ctx.db.query<{ missing: number }>(
    `SELECT count(*)::int AS missing FROM events e
      WHERE e.workspace_id = $1 AND NOT EXISTS (SELECT 1 FROM event_dedup d WHERE d.workspace_id = e.workspace_id AND d.event_id = e.event_id)`,
    [target.workspaceId],
  );
  ctx.results.integrity.push({
    name: 'pruning: every event stored during the phase keeps its dedup claim',
    ok: unclaimed.missing === 0,
    detail: `${rows.length} events stored, ${unclaimed.missing} without a claim`,
  });
  await setup.deleteConnector(target);
}

// Other workspaces' dedup claims an hour past their window, and click ids a day past the longest
// attribution window: what a backlog looks like after the job was off for a while. VACUUM
// ANALYZE settles them as old rows are (visible to all, counted in the statistics), so the run
// does not pay for the insert's autovacuum.
async function seedExpiredRows(db: BenchDatabase, rows: { claims: number; clickIds: number }): Promise<Record<keyof typeof EXPIRED, number>> {
  const workspaces = await db.query<{ id: string }>(
    `INSERT INTO workspaces (name, slug) SELECT 'Pruning backlog ' || i, 'pruning-backlog-' || i FROM generate_series(1, $1::int) AS i RETURNING id`,
    [Math.ceil(rows.claims / CLAIMS_PER_WORKSPACE)],
  );
  const ids = workspaces.map((w) => w.id);
  await db.query(
    `INSERT INTO event_dedup (workspace_id, event_id, event_ref, first_seen_at)
     SELECT ($1::uuid[])[1 + i % cardinality($1::uuid[])], 'backlog-' || i, gen_random_uuid(), now() - interval '49 hours' - i * interval '1 ms'
       FROM generate_series(1, $2::int) AS i`,
    [ids, rows.claims],
  );
  await db.query(
    `INSERT INTO click_ids (workspace_id, identity, ids, oldest_captured_at)
     SELECT ($1::uuid[])[1 + i % cardinality($1::uuid[])], 'anon:backlog-' || i,
            jsonb_build_object('ttclid', jsonb_build_array(md5(i::text), extract(epoch FROM t)::bigint),
                               'ttp', jsonb_build_array(md5((-i)::text), extract(epoch FROM t)::bigint)),
            t
       FROM generate_series(1, $2::int) AS i, LATERAL (SELECT now() - interval '29 days' - i * interval '1 ms' AS t) AS at`,
    [ids, rows.clickIds],
  );
  await db.query('VACUUM ANALYZE event_dedup, click_ids');
  return expiredRows(db);
}

async function expiredRows(db: BenchDatabase): Promise<Record<keyof typeof EXPIRED, number>> {
  const [row] = await db.query<Record<keyof typeof EXPIRED, number>>(
    `SELECT (SELECT count(*) FROM event_dedup WHERE ${EXPIRED.event_dedup})::int AS event_dedup,
            (SELECT count(*) FROM click_ids WHERE ${EXPIRED.click_ids})::int AS click_ids`,
  );
  return row;
}

async function waitForPruning(db: BenchDatabase, backlog: Record<string, number>, alive: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await expiredRows(db);
    if (Object.entries(left).some(([table, count]) => count < backlog[table])) return;
    if (!alive()) throw new Error('the storage maintenance exited before it pruned anything');
    if (Date.now() > deadline) throw new Error(`the storage maintenance pruned nothing within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}
