import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../phases/bench-context';
import { runDeliveryPhase } from '../phases/delivery.phase';
import { log, runIngestScenario } from '../phases/ingest-scenario';
import { apiUrl, startTrackLayer } from '../tracklayer/start-tracklayer';
import { renderProfileSummary, summarizeCpuProfile } from './cpu-profile-summary';

export type ProfileMode = 'single' | 'batch' | 'segment-batch' | 'delivery';

// `npm run bench -- --profile [single|batch|segment-batch|delivery]`: one TrackLayer scenario with the process
// doing the work (the api, or the one worker) under --cpu-prof. Kept out of the measured bench:
// the profiler itself costs throughput.
export async function runProfile(ctx: BenchContext, mode: ProfileMode): Promise<void> {
  const name = mode === 'delivery' ? 'worker-delivery.cpuprofile' : `api-${mode}.cpuprofile`;
  const file = join(ctx.paths.resultsDir, name);
  rmSync(file, { force: true });
  const profiled = ['--cpu-prof', `--cpu-prof-dir=${ctx.paths.resultsDir}`, `--cpu-prof-name=${name}`, '-r', ctx.paths.exitOnSignal];

  if (mode === 'delivery') {
    await startTrackLayer(ctx);
    log('profile: delivery with one worker under --cpu-prof (throughput is lower than unprofiled)');
    await runDeliveryPhase(ctx, 1, { workerNodeArgs: profiled });
  } else {
    await startTrackLayer(ctx, profiled);
    const { api, setup } = ctx;
    if (!api || !setup) throw new Error('TrackLayer did not start');
    const target = await setup.ingestTarget('profile');
    await ctx.settle();
    log(`profile: TrackLayer ${mode} ingest with the api under --cpu-prof (throughput is lower than unprofiled)`);
    await runIngestScenario({
      config: ctx.config,
      db: ctx.db,
      system: 'tracklayer',
      mode,
      server: api,
      baseUrl: apiUrl(ctx),
      ...(mode === 'segment-batch'
        ? {
            headers: { authorization: `Basic ${Buffer.from(`${target.ingestKey}:`).toString('base64')}` },
            format: { kind: 'segment' as const, writeKey: target.ingestKey },
          }
        : { headers: { authorization: `Bearer ${target.ingestKey}` } }),
      tag: 'p',
    });
    await api.stop();
  }
  if (!existsSync(file)) throw new Error(`no profile was written at ${file}`);
  // Start-up and set-up are in the profile too; against 15 s of load they are a small share.
  const summary = renderProfileSummary(summarizeCpuProfile(file));
  writeFileSync(join(ctx.paths.resultsDir, name.replace('.cpuprofile', '.profile.txt')), `${summary}\n`);
  console.log(`\n${summary}\n\nprofile: ${file} (open in Chrome DevTools > Performance, or speedscope)`);
}
