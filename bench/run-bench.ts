import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { loadBenchConfig } from './bench-config';
import type { BenchContext } from './phases/bench-context';
import { runApiClusterPhase } from './phases/api-cluster.phase';
import { runBaselinePhase } from './phases/baseline.phase';
import { runDeliveryPhase } from './phases/delivery.phase';
import { log } from './phases/ingest-scenario';
import { runPruningPhase } from './phases/pruning.phase';
import { runTrackLayerIngestPhase } from './phases/tracklayer-ingest.phase';
import { runApiCpuComparison } from './profile/api-cpu-run';
import { ProfileMode, runProfile } from './profile/profile-run';
import type { BenchResults } from './report/bench-results';
import { machineInfo, round2 } from './report/machine-info';
import { renderResults } from './report/results-table';
import { evaluateTargets } from './report/targets';
import { BenchDatabase, deleteRedisKeys } from './support/bench-database';
import { storageCost } from './support/storage-size';
import { BenchChild, ChildProcesses, tailOf } from './support/child-processes';
import { freePort } from './support/free-port';
import { waitForHttp } from './support/http-json';
import { startTrackLayer } from './tracklayer/start-tracklayer';
import { tracklayerEnv } from './tracklayer/tracklayer-env';

// `npm run bench` (scripts/bench.sh builds, then runs this from the build directory).
// `npm run bench -- --profile [single|batch|delivery]` runs one TrackLayer scenario with the busy
// process under --cpu-prof and prints where its time goes.
async function main(): Promise<number> {
  const startedAt = Date.now();
  const stamp = new Date(startedAt).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const buildDir = resolve(__dirname, '..');
  const resultsDir = resolve(process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results'));
  mkdirSync(resultsDir, { recursive: true });
  const db = new BenchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tracklayer', `tracklayer_bench_${stamp}`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `tlbench_${stamp}`;
  const children = new ChildProcesses(join(resultsDir, 'logs'), process.env.BENCH_PID_FILE);
  const ports = { baseline: await freePort(), api: await freePort(), sandbox: await freePort() };
  const results: BenchResults = {
    date: new Date(startedAt).toISOString(),
    revision: gitRevision(),
    totalSeconds: 0,
    machine: { cpus: 0, cpuModel: '', totalMemoryBytes: 0, node: '', os: '', postgres: '', redis: '', loadAverageAtStart: [], loadAverageAtEnd: [] },
    settings: {},
    ingest: [],
    delivery: [],
    peakRssBytes: {},
    apiMemory: {},
    storedEvents: [],
    integrity: [],
    targets: [],
  };
  const ctx: BenchContext = {
    config: loadBenchConfig(),
    db,
    redisUrl,
    queuePrefix,
    children,
    paths: {
      buildDir,
      resultsDir,
      migrate: join(buildDir, 'libs/core/src/database/migrate.command.js'),
      api: join(buildDir, 'apps/api/src/main.js'),
      apiCluster: join(buildDir, 'apps/api/src/cluster.js'),
      worker: join(buildDir, 'apps/worker/src/main.js'),
      sandbox: join(buildDir, 'apps/sandbox/src/main.js'),
      storageMaintenance: join(buildDir, 'bench/tracklayer/storage-maintenance-process.js'),
      baselineServer: join(buildDir, 'bench/baseline/baseline-server.js'),
      exitOnSignal: join(buildDir, 'bench/profile/exit-on-signal.js'),
    },
    ports,
    results,
    tracklayerEnv: tracklayerEnv({ databaseUrl: db.url, redisUrl, queuePrefix, apiPort: ports.api, sandboxPort: ports.sandbox }),
    deferredChecks: [],
    waitReady: (child: BenchChild, url: string) =>
      waitForHttp(url, child.alive).catch((error: unknown) => {
        throw new Error(`${child.name} did not start: ${String(error)}\n${tailOf(child.logFile)}`);
      }),
    settle: async () => {
      await db.query('CHECKPOINT');
    },
  };

  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await children.stopAll();
      await db.drop().catch((error: unknown) => console.error(`could not drop ${db.name}: ${String(error)}`));
      await deleteRedisKeys(redisUrl, queuePrefix).catch((error: unknown) => console.error(`could not clean Redis keys ${queuePrefix}:*: ${String(error)}`));
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping child processes and dropping ${db.name}`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    log(`bench: database ${db.name}, queue prefix ${queuePrefix}`);
    await db.createAndMigrate(ctx.paths.migrate);
    results.machine = await machineInfo(db, redisUrl);
    results.settings = { ...ctx.config, queuePrefix, database: db.name, worker: 'TRACKLAYER_ROLES=worker, DELIVERY_BATCH_SIZE=1000, DELIVERY_REQUESTS_PER_SECOND=1000, DELIVERY_SWEEP_INTERVAL_MS=200' };

    const apiCpu = apiCpuArguments(process.argv.slice(2));
    if (apiCpu) {
      await runApiCpuComparison(ctx, apiCpu.rounds, apiCpu.builds);
      return 0;
    }
    const profileMode = profileArgument(process.argv.slice(2));
    if (profileMode) {
      await runProfile(ctx, profileMode);
      return 0;
    }

    const phases = new Set(ctx.config.phases);
    if (phases.has('baseline')) await runBaselinePhase(ctx);
    if (phases.has('ingest')) await runTrackLayerIngestPhase(ctx);
    // The other TrackLayer phases run on the stack the ingest phase starts.
    else if (phases.has('cluster') || phases.has('delivery') || phases.has('pruning')) await startTrackLayer(ctx);
    if (phases.has('cluster')) await runApiClusterPhase(ctx, 2);
    if (phases.has('delivery')) {
      await runDeliveryPhase(ctx, 1);
      // Right after TikTok's 1-worker run, so the two are compared on the same database and load.
      await runDeliveryPhase(ctx, 1, { platform: 'meta' });
      await runDeliveryPhase(ctx, 2);
      // 2 connectors x DELIVERY_PARALLEL_PER_CONNECTOR 2 = 4 jobs: with the default concurrency of 4
      // the first worker to ask takes them all; 2 each is how the work is split over 2 workers.
      await runDeliveryPhase(ctx, 2, { connectors: 2, workerEnv: { DELIVERY_CONCURRENCY: '2' } });
    }
    // Before the pruning phase, whose expired backlog is not what events cost.
    if (phases.has('delivery')) results.storageAfterDelivery = await storageCost(db, 'after delivery');
    // Last: its backlog and deletes would otherwise be in every later run's database.
    if (phases.has('pruning')) await runPruningPhase(ctx);
    // Read before the checks: fetching the sandbox's whole event log would inflate its own peak.
    results.peakRssBytes.api = ctx.api?.peakRss();
    results.peakRssBytes.sandbox = ctx.sandbox?.peakRss();
    log('checks: counts in Postgres and in the sandbox');
    for (const check of ctx.deferredChecks) await check();
    await cleanup();

    results.machine.loadAverageAtEnd = loadavg().map(round2);
    results.totalSeconds = (Date.now() - startedAt) / 1000;
    results.targets = evaluateTargets(results);
    const table = renderResults(results);
    console.log(`\n${table}\n`);
    // Shortened runs (BENCH_* overrides) are for working on the bench, never the published numbers.
    const name = ctx.config.customised ? 'custom' : 'latest';
    writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(resultsDir, `${name}.md`), `${table}\n`);
    log(`bench: wrote ${join(resultsDir, `${name}.json`)}; the run took ${Math.round(results.totalSeconds)} s`);
    const intact = results.storedEvents.every((check) => check.ok) && results.integrity.every((check) => check.ok);
    if (!intact) console.error('bench: INTEGRITY CHECK FAILED (events lost or duplicated), see above');
    return intact ? 0 : 1;
  } finally {
    await cleanup();
  }
}

// Other engineers change the code while benches run: the results say which tree they measured.
function gitRevision(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function profileArgument(args: string[]): ProfileMode | undefined {
  const index = args.indexOf('--profile');
  if (index === -1) return undefined;
  const mode = args[index + 1] ?? 'single';
  if (mode !== 'single' && mode !== 'batch' && mode !== 'segment-batch' && mode !== 'delivery') {
    throw new Error(`--profile takes single, batch, segment-batch or delivery (got "${mode}")`);
  }
  return mode;
}

// --api-cpu [rounds] [build dir...] (see profile/api-cpu-run.ts).
function apiCpuArguments(args: string[]): { rounds: number; builds: string[] } | undefined {
  const index = args.indexOf('--api-cpu');
  if (index === -1) return undefined;
  const rest = args.slice(index + 1);
  const rounds = rest.length > 0 && /^\d+$/.test(rest[0]) ? Number(rest.shift()) : 3;
  return { rounds, builds: rest };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
