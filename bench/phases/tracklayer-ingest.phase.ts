import { checkStoredEvents } from '../checks/stored-events.check';
import { owedDeliveries } from '../support/owed-deliveries';
import { waitUntilStable } from '../support/http-json';
import { recordApiMemory } from '../tracklayer/api-memory';
import { apiUrl, startTrackLayer } from '../tracklayer/start-tracklayer';
import { storageCost } from '../support/storage-size';
import type { BenchContext } from './bench-context';
import { log, runIngestScenario } from './ingest-scenario';

// TrackLayer's api alone (TRACKLAYER_ROLES=api, no worker running): ingest is measured without a
// worker competing for the two cores. Each accepted event still gets its pending delivery row and
// its queue nudge, which is the full cost ingest pays in production.
export async function runTrackLayerIngestPhase(ctx: BenchContext): Promise<void> {
  log('tracklayer: sandbox + api (production build, NODE_ENV=production, LOG_LEVEL=warn, rate limit off)');
  await startTrackLayer(ctx);
  const { api, setup } = ctx;
  if (!api || !setup) throw new Error('TrackLayer did not start');
  const target = await setup.ingestTarget('ingest');
  const scenario = { config: ctx.config, db: ctx.db, system: 'tracklayer' as const, server: api, baseUrl: apiUrl(ctx) };
  const headers = { authorization: `Bearer ${target.ingestKey}` };

  await ctx.settle();
  const single = await runIngestScenario({ ...scenario, mode: 'single', headers, tag: 'ts' });
  await recordApiMemory(ctx, 'after single-event run');
  await ctx.settle();
  const batch = await runIngestScenario({ ...scenario, mode: 'batch', headers, tag: 'tb' });
  await recordApiMemory(ctx, 'after batch run');
  await ctx.settle();
  // The same batches through the drop-in Segment API, as @segment/analytics-node sends them.
  const segment = await runIngestScenario({
    ...scenario,
    mode: 'segment-batch',
    headers: { authorization: `Basic ${Buffer.from(`${target.ingestKey}:`).toString('base64')}` },
    format: { kind: 'segment', writeKey: target.ingestKey },
    tag: 'sb',
  });
  await recordApiMemory(ctx, 'after Segment batch run');
  await ctx.settle();
  // Native batches again, so the Segment run sits between two of them (see targets.ts).
  const batchAgain = await runIngestScenario({ ...scenario, mode: 'batch', headers, tag: 'tb2', repeat: 2 });
  ctx.results.ingest.push(single.result, batch.result, segment.result, batchAgain.result);

  await waitUntilStable(async () => {
    const [row] = await ctx.db.query<{ count: number }>('SELECT count(*)::int AS count FROM events WHERE workspace_id = $1', [target.workspaceId]);
    return row.count;
  });
  const rows = await ctx.db.query<{ event_id: string }>('SELECT event_id FROM events WHERE workspace_id = $1', [target.workspaceId]);
  const checks = checkStoredEvents([...single.loads, ...batch.loads, ...segment.loads, ...batchAgain.loads], rows.map((row) => row.event_id));
  ctx.results.storedEvents.push(...checks.map((check) => ({ ...check, system: 'tracklayer' as const })));
  // Ingest writes no delivery row: each stored event is owed to the connector through its cursor.
  const owed = await owedDeliveries(ctx.db, target.workspaceId, [target.connectorId]);
  ctx.results.integrity.push({
    name: 'ingest: every stored event owed to the connector (beyond its cursor), no delivery row written',
    ok: owed.beyondCursor === rows.length && owed.rows === 0,
    detail: `${rows.length} events stored, ${owed.beyondCursor} beyond the connector's cursor, ${owed.rows} delivery rows`,
  });
  ctx.results.peakRssBytes['api after ingest runs'] = api.peakRss();
  ctx.results.storage = await storageCost(ctx.db, 'after ingest');

  // No worker ran, so these events are all still owed; the delivery phase must not send them
  // alongside its own 50,000.
  await setup.deleteConnector(target);
}
