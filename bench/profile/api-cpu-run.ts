import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchContext } from '../phases/bench-context';
import { log } from '../phases/ingest-scenario';
import { runIngestLoad } from '../load/ingest-load';
import { apiUrl, productionNodeFlags, sandboxUrl } from '../tracklayer/start-tracklayer';
import { sandboxEnv } from '../tracklayer/tracklayer-env';
import { TrackLayerSetup } from '../tracklayer/tracklayer-setup';

// Linux's clock ticks (getconf CLK_TCK), as in support/cpu-meter.ts.
const TICKS_PER_SECOND = 100;

// The same fixed load for every build: CPU per event is compared at equal work, not at each
// build's own saturation (a faster build would otherwise group-commit differently).
const LOADS = {
  single: { connections: 20, eventsPerRequest: 1, requests: 8000, requestsPerSecond: 800 },
  batch: { connections: 10, eventsPerRequest: 100, requests: 300, requestsPerSecond: 30 },
} as const;
const WARMUP = { single: { requests: 1600, requestsPerSecond: 800 }, batch: { requests: 60, requestsPerSecond: 30 } } as const;

// `npm run bench -- --api-cpu [rounds] [build dir[@node flags]...]`: the api's CPU time (utime + stime from
// /proc) per ingested event, single and batch, for this tree's build and for each other build
// directory given (a `swc ... -d dist` output of another checkout: <dir>/apps/api/src/main.js),
// alternated over the rounds so that a noisy neighbour disturbs every build alike.
export async function runApiCpuComparison(ctx: BenchContext, rounds: number, otherBuilds: string[]): Promise<void> {
  const builds = [{ name: 'this tree', api: ctx.paths.api, nodeArgs: [] as string[] }, ...otherBuilds.map((spec) => buildOf(ctx, spec))];
  for (const build of builds) if (!existsSync(build.api)) throw new Error(`no api build at ${build.api}`);
  ctx.sandbox = ctx.children.start('sandbox', ctx.paths.sandbox, sandboxEnv(ctx.ports.sandbox));
  await ctx.waitReady(ctx.sandbox, `${sandboxUrl(ctx)}/health`);

  const perEvent = new Map<string, { single: number[]; batch: number[] }>(builds.map((build) => [build.name, { single: [], batch: [] }]));
  for (let round = 1; round <= rounds; round++) {
    for (const build of builds) {
      const api = ctx.children.start('api', build.api, { ...ctx.tracklayerEnv, TRACKLAYER_ROLES: 'api' }, [...productionNodeFlags('start:api'), ...build.nodeArgs]);
      await ctx.waitReady(api, `${apiUrl(ctx)}/health/ready`);
      const setup = new TrackLayerSetup(apiUrl(ctx), sandboxUrl(ctx));
      await setup.signUp();
      for (const mode of ['single', 'batch'] as const) {
        const target = await setup.ingestTarget(`cpu-${round}-${mode}`);
        const shape = LOADS[mode];
        const common = {
          baseUrl: apiUrl(ctx),
          headers: { authorization: `Bearer ${target.ingestKey}` },
          connections: shape.connections,
          eventsPerRequest: shape.eventsPerRequest,
          durationSeconds: 600,
        };
        await runIngestLoad({ ...common, tag: `c${round}${mode[0]}w${builds.indexOf(build)}`, fixed: WARMUP[mode] });
        await ctx.settle();
        const before = cpuTicks(api.pid);
        const load = await runIngestLoad({ ...common, tag: `c${round}${mode[0]}${builds.indexOf(build)}`, fixed: shape });
        const after = cpuTicks(api.pid);
        const used = (after.user + after.system - before.user - before.system) / TICKS_PER_SECOND;
        const systemShare = (after.system - before.system) / Math.max(1, after.user + after.system - before.user - before.system);
        const events = load.accepted.size * shape.eventsPerRequest;
        if (load.non2xx > 0 || load.errors > 0 || events === 0) throw new Error(`${build.name} ${mode}: ${load.non2xx} non-2xx, ${load.errors} errors`);
        const micros = (used * 1e6) / events;
        perEvent.get(build.name)?.[mode].push(micros);
        log(`round ${round} ${build.name} ${mode}: ${micros.toFixed(1)} µs of api CPU per event (${Math.round(systemShare * 100)}% of it in the kernel; ${events} events, ${Math.round(load.eventsPerSecond)} events/s)`);
      }
      await api.stop();
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  log('\napi CPU per event (µs; median of the rounds, then each round):');
  for (const [name, { single, batch }] of perEvent) {
    log(`  ${name}: single ${median(single).toFixed(1)} [${single.map((v) => v.toFixed(0)).join(' ')}], batch ${median(batch).toFixed(1)} [${batch.map((v) => v.toFixed(0)).join(' ')}]`);
  }
  log(`(api log of the last build: ${join(ctx.paths.resultsDir, 'logs', 'api.log')})`);
}

// "<dir>" or "<dir>@--flag,--flag" ("this" is this tree's build): an api build and extra node
// flags for it, to compare flags as well as code.
function buildOf(ctx: BenchContext, spec: string): { name: string; api: string; nodeArgs: string[] } {
  const [dir, flags] = spec.split('@');
  const api = dir === 'this' ? ctx.paths.api : resolve(dir, 'apps/api/src/main.js');
  return { name: spec, api, nodeArgs: flags ? flags.split(',') : [] };
}

// utime and stime of one process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat).
function cpuTicks(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) };
}
