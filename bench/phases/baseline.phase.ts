import { BASELINE_SCHEMA } from '../baseline/baseline-schema';
import { checkStoredEvents } from '../checks/stored-events.check';
import type { BenchContext } from './bench-context';
import { log, runIngestScenario } from './ingest-scenario';

// The bare node:http + pg server, single events then batches, against its own table.
export async function runBaselinePhase(ctx: BenchContext): Promise<void> {
  log('baseline: bare node:http + pg');
  await ctx.db.query(BASELINE_SCHEMA);
  const server = ctx.children.start('baseline', ctx.paths.baselineServer, {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(ctx.ports.baseline),
    DATABASE_URL: ctx.db.url,
    BASELINE_POOL_SIZE: String(ctx.config.baselinePoolSize),
  });
  const url = `http://127.0.0.1:${ctx.ports.baseline}`;
  await ctx.waitReady(server, `${url}/health`);

  const scenario = { config: ctx.config, db: ctx.db, system: 'baseline' as const, server, baseUrl: url, headers: {} };
  await ctx.settle();
  const single = await runIngestScenario({ ...scenario, mode: 'single', tag: 'bs' });
  await ctx.settle();
  const batch = await runIngestScenario({ ...scenario, mode: 'batch', tag: 'bb' });
  ctx.results.ingest.push(single.result, batch.result);
  ctx.results.peakRssBytes.baseline = server.peakRss();
  await server.stop();

  const rows = await ctx.db.query<{ event_id: string }>('SELECT event_id FROM baseline_events');
  // (the server is stopped above, so nothing is still committing)
  const checks = checkStoredEvents([...single.loads, ...batch.loads], rows.map((row) => row.event_id));
  ctx.results.storedEvents.push(...checks.map((check) => ({ ...check, system: 'baseline' as const })));
  // The baseline's rows would otherwise sit in the same database and caches TrackLayer runs on.
  await ctx.db.query('DROP TABLE baseline_events, baseline_workspaces');
}
