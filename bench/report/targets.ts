import { againstRunsAround } from './aba-comparison';
import type { BenchPlatform, BenchResults, TargetCheck } from './bench-results';
import { stillPruning } from './pruning-report';

const MB = 1024 * 1024;
const TWO_WORKER_GAIN = 1.15;
// Meta's delivery against TikTok's, both with one worker in the same run. The engine, the batch
// size (1,000 events a request) and the worker are the same; Meta's mapping hashes by its own
// rules and its sandbox validates every field of every event, on the same two cores. Below 0.8x
// is more than run-to-run noise (a few percent) plus that, e.g. smaller batches or a slow path in
// the Meta adapter. Informative: it is not one of issue 7's targets.
const META_VS_TIKTOK = 0.8;
// Issue 21: two api processes on two cores, with Postgres and the load generator on the same two.
const API_SCALE_OUT = 1.2;
// Issue 21 asks that pruning be "measured to not slow ingest". The bench cannot tell a ratio of 1
// from run-to-run noise, which between two native batch runs of the same bench is 6 to 8 %
// (docs/benchmark.md, A-B-A runs of 2026-12-03); 0.9x is that noise and no more, the same
// tolerance as the Segment drop-in's (also "the same speed" within one run).
const PRUNING_VS_NONE = 0.9;

// The targets, each as a ratio or limit within this one run.
export function evaluateTargets(results: BenchResults): TargetCheck[] {
  const run = (system: string, mode: string) =>
    results.ingest.find((r) => r.system === system && r.mode === mode && r.apiProcesses === undefined && r.repeat === undefined && r.pruning === undefined);
  const checks: TargetCheck[] = [];
  const single = run('tracklayer', 'single');
  const singleBase = run('baseline', 'single');
  if (single && singleBase) {
    const ratio = single.eventsPerSecond / singleBase.eventsPerSecond;
    checks.push({ name: 'single-event ingest vs baseline', target: '>= 0.60x', measured: `${ratio.toFixed(2)}x`, met: ratio >= 0.6 });
    checks.push({ name: 'single-event ingest p99', target: '< 50 ms', measured: `${single.latencyMs.p99} ms`, met: single.latencyMs.p99 < 50 });
  }
  const batch = run('tracklayer', 'batch');
  const batchBase = run('baseline', 'batch');
  if (batch && batchBase) {
    const ratio = batch.eventsPerSecond / batchBase.eventsPerSecond;
    checks.push({ name: 'batch ingest vs baseline', target: '>= 0.50x', measured: `${ratio.toFixed(2)}x`, met: ratio >= 0.5 });
  }
  const segment = run('tracklayer', 'segment-batch');
  const batchAgain = results.ingest.find((r) => r.system === 'tracklayer' && r.mode === 'batch' && r.repeat !== undefined);
  if (segment && batch) {
    // Native batches run before and after the Segment run (A-B-A, aba-comparison.ts).
    const ratios = againstRunsAround(segment, batchAgain ? [batch, batchAgain] : [batch]);
    const against = batchAgain ? ' (mean of the native runs before and after)' : '';
    checks.push({ name: `Segment /v1/batch vs native batch${against}`, target: '>= 0.90x', measured: `${ratios.throughput.toFixed(2)}x`, met: ratios.throughput >= 0.9 });
    // Throughput follows whatever else the machine runs; the CPU an event costs the api and
    // Postgres much less so. On a machine of its own, throughput is bound by this cost.
    checks.push({
      name: `Segment /v1/batch vs native batch, by api + Postgres CPU per event${against}`,
      target: '>= 0.90x',
      measured: `${ratios.cpu.toFixed(2)}x`,
      met: ratios.cpu >= 0.9,
    });
  }
  const stage = (pruning: string) => results.ingest.find((r) => r.pruning === pruning);
  const pruning = stage('during');
  const around = [stage('before'), stage('after')].filter((r) => r !== undefined);
  if (pruning && around.length > 0) {
    // The native batch load while the storage maintenance prunes a backlog, against the same load
    // before it started and after it stopped (A-B-A). The CPU of the pruning itself is not in the
    // api + Postgres figure (the results show it apart); its cost to ingest is in the throughput.
    const ratios = againstRunsAround(pruning, around);
    const goal = `>= ${PRUNING_VS_NONE.toFixed(2)}x (run-to-run noise)`;
    checks.push({ name: 'batch ingest while pruning vs not (mean of the runs before and after)', target: goal, measured: `${ratios.throughput.toFixed(2)}x`, met: ratios.throughput >= PRUNING_VS_NONE });
    checks.push({ name: 'batch ingest while pruning vs not, by api + Postgres CPU per event', target: goal, measured: `${ratios.cpu.toFixed(2)}x`, met: ratios.cpu >= PRUNING_VS_NONE });
    // Without it the two ratios above would compare ingest with ingest.
    const m = pruning.maintenance;
    const pruned = m ? Object.values(m.prunedDuringRun).reduce((sum, n) => sum + n, 0) : 0;
    checks.push({
      name: 'the storage maintenance pruned through the whole measured run',
      target: 'rows deleted, rows left at the end',
      measured: m ? `${pruned.toLocaleString('en-US')} deleted, ${stillPruning(m) ? 'some left' : 'none left'}` : 'not measured',
      met: m !== undefined && pruned > 0 && stillPruning(m),
    });
  }
  for (const scaled of results.ingest.filter((r) => r.apiProcesses !== undefined)) {
    const alone = run(scaled.system, scaled.mode);
    if (!alone) continue;
    const ratio = scaled.eventsPerSecond / alone.eventsPerSecond;
    checks.push({
      name: `${scaled.mode === 'single' ? 'single-event' : 'batch'} ingest, ${scaled.apiProcesses} api processes vs 1`,
      target: `>= ${API_SCALE_OUT}x`,
      measured: `${ratio.toFixed(2)}x`,
      met: ratio >= API_SCALE_OUT,
    });
  }
  const delivery = (platform: BenchPlatform, workers: number, connectors: number) =>
    results.delivery.find((d) => d.platform === platform && d.workers === workers && d.connectors === connectors);
  const one = delivery('tiktok', 1, 1);
  const two = delivery('tiktok', 2, 1);
  const spread = delivery('tiktok', 2, 2);
  const meta = delivery('meta', 1, 1);
  if (one) {
    checks.push({
      name: 'delivery, 1 worker',
      target: '>= 10,000 events/s',
      measured: `${Math.round(one.drainEventsPerSecond).toLocaleString('en-US')} events/s`,
      met: one.drainEventsPerSecond >= 10_000,
    });
  }
  if (one && two) {
    // Two runs of the same thing differ by several percent on a shared machine: "more with two"
    // must be more than that to count.
    const ratio = two.drainEventsPerSecond / one.drainEventsPerSecond;
    checks.push({ name: 'delivery, 2 workers vs 1', target: `>= ${TWO_WORKER_GAIN}x (beyond run-to-run noise)`, measured: `${ratio.toFixed(2)}x`, met: ratio >= TWO_WORKER_GAIN });
  }
  if (one && spread) {
    const ratio = spread.drainEventsPerSecond / one.drainEventsPerSecond;
    checks.push({
      name: 'delivery, 2 workers over 2 connectors vs 1 worker over 1, by deliveries/s',
      target: `>= ${TWO_WORKER_GAIN}x`,
      measured: `${ratio.toFixed(2)}x`,
      met: ratio >= TWO_WORKER_GAIN,
    });
  }
  if (one && meta) {
    const ratio = meta.drainEventsPerSecond / one.drainEventsPerSecond;
    checks.push({
      name: 'delivery to Meta vs to TikTok, 1 worker each, by deliveries/s',
      target: `>= ${META_VS_TIKTOK}x (same engine and batch size)`,
      measured: `${ratio.toFixed(2)}x`,
      met: ratio >= META_VS_TIKTOK,
    });
  }
  const api = results.peakRssBytes.api;
  if (api !== undefined) {
    checks.push({ name: 'api peak RSS', target: '< 300 MB', measured: `${Math.round(api / MB)} MB`, met: api < 300 * MB });
  }
  const storedOk = results.storedEvents.every((check) => check.ok) && results.integrity.every((check) => check.ok);
  checks.push({ name: 'nothing lost or duplicated', target: 'all checks pass', measured: storedOk ? 'all pass' : 'FAILED', met: storedOk });
  return checks;
}
