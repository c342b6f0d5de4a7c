import { checkStoredEvents } from '../checks/stored-events.check';
import { processCpuSeconds } from '../support/cpu-meter';
import { freePort } from '../support/free-port';
import { waitUntilStable } from '../support/http-json';
import { waitForLogLine } from '../support/log-line';
import { peakRssBytes } from '../support/peak-rss';
import { childPidsOf } from '../support/process-tree';
import { productionNodeFlags } from '../tracklayer/start-tracklayer';
import type { BenchContext } from './bench-context';
import { log, runIngestScenario } from './ingest-scenario';

// The same single-event and batch loads against `processes` api processes sharing one port
// (`npm run start:api:cluster`, node:cluster), on a workspace and connector of their own. The
// ratio to the one-process runs of the same bench is the scale-out figure (docs/scaling.md).
export async function runApiClusterPhase(ctx: BenchContext, processes: number): Promise<void> {
  if (!ctx.setup) throw new Error('the api cluster phase needs the TrackLayer phase first');
  log(`tracklayer: ${processes} api processes on one port (npm run start:api:cluster)`);
  const port = await freePort();
  const cluster = ctx.children.start(
    `api-cluster-${processes}`,
    ctx.paths.apiCluster,
    { ...ctx.tracklayerEnv, TRACKLAYER_ROLES: 'api', PORT: String(port), API_PROCESSES: String(processes) },
    productionNodeFlags('start:api:cluster'),
  );
  try {
    // The primary's pid in the line: the log file of an earlier bench may still be there.
    await waitForLogLine('the api cluster', cluster.logFile, `(primary ${cluster.pid}): ${processes} processes listening`, cluster.alive);
    const pids = childPidsOf(cluster.pid);
    if (pids.length !== processes) throw new Error(`the api cluster runs ${pids.length} processes, expected ${processes}`);
    const target = await ctx.setup.ingestTarget(`ingest-${processes}p`);
    const scenario = {
      config: ctx.config,
      db: ctx.db,
      system: 'tracklayer' as const,
      server: cluster,
      // The primary only hands out connections; the forked processes do the work.
      serverPids: [cluster.pid, ...pids],
      serverPeakRss: () => pids.reduce((sum, pid) => sum + (peakRssBytes(pid) ?? 0), 0),
      apiProcesses: processes,
      baseUrl: `http://127.0.0.1:${port}`,
      headers: { authorization: `Bearer ${target.ingestKey}` },
    };
    // Whether the processes share the load evenly: each one's CPU over the scenario (warm-up too).
    const perProcess = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const before = pids.map((pid) => processCpuSeconds(pid) ?? 0);
      const result = await run();
      log(`  ${name}: CPU seconds per api process (warm-up and run): ${pids.map((pid, i) => ((processCpuSeconds(pid) ?? 0) - before[i]).toFixed(1)).join(' + ')}`);
      return result;
    };
    await ctx.settle();
    const single = await perProcess('single', () => runIngestScenario({ ...scenario, mode: 'single', tag: `cs${processes}` }));
    await ctx.settle();
    const batch = await perProcess('batch', () => runIngestScenario({ ...scenario, mode: 'batch', tag: `cb${processes}` }));
    ctx.results.ingest.push(single.result, batch.result);

    await waitUntilStable(async () => {
      const [row] = await ctx.db.query<{ count: number }>('SELECT count(*)::int AS count FROM events WHERE workspace_id = $1', [target.workspaceId]);
      return row.count;
    });
    const rows = await ctx.db.query<{ event_id: string }>('SELECT event_id FROM events WHERE workspace_id = $1', [target.workspaceId]);
    const checks = checkStoredEvents([...single.loads, ...batch.loads], rows.map((row) => row.event_id));
    ctx.results.storedEvents.push(...checks.map((check) => ({ ...check, system: 'tracklayer' as const })));
    // Nothing was delivered: the delivery phase must not send these alongside its own events.
    await ctx.setup.deleteConnector(target);
  } finally {
    await cluster.stop();
  }
}
