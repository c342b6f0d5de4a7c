import { BenchResults, DeliveryRunResult, IngestRunResult, PLATFORM_NAMES } from './bench-results';
import { maintenanceLine } from './pruning-report';
import { storageLine } from './storage-cost';

const MB = 1024 * 1024;
const GIB = 1024 * MB;

// Markdown tables: readable in a terminal and pasted as-is into README.md's Performance section.
export function renderResults(results: BenchResults): string {
  const m = results.machine;
  const lines: string[] = [
    `Machine: ${m.cpus} x ${m.cpuModel}, ${(m.totalMemoryBytes / GIB).toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}, ` +
      `PostgreSQL ${m.postgres}, Redis ${m.redis}; load average ${m.loadAverageAtStart.join('/')} at start, ` +
      `${m.loadAverageAtEnd.join('/')} at end. ${results.date}, code ${results.revision}, bench took ${Math.round(results.totalSeconds)} s.`,
    '',
    '| ingest run | connections | events/s | requests/s | p50 ms | p99 ms | x baseline | non-2xx | server peak RSS |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const run of results.ingest) {
    const base = results.ingest.find((r) => r.system === 'baseline' && r.mode === baselineModeOf(run));
    lines.push(
      `| ${label(run)} | ${run.connections} | ${int(run.eventsPerSecond)} | ${int(run.requestsPerSecond)} | ${run.latencyMs.p50} | ` +
        `${run.latencyMs.p99} | ${base ? (run.eventsPerSecond / base.eventsPerSecond).toFixed(2) : '-'} | ` +
        `${run.non2xx + run.errors + run.timeouts} | ${mb(run.serverPeakRssBytes)} |`,
    );
  }
  lines.push(
    '',
    '| delivery run | deliveries | deliveries/s (drain) | first delivery after | all in sandbox after | all rows delivered after | platform requests | worker cores busy | worker peak RSS |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const run of results.delivery) {
    lines.push(
      `| ${deliveryLabel(run)} | ${int(run.deliveries)} | ${int(run.drainEventsPerSecond)} | ` +
        `${run.firstDeliveryAfterSeconds.toFixed(1)} s | ${run.totalSeconds.toFixed(1)} s | ${run.allMarkedDeliveredSeconds.toFixed(1)} s | ${run.platformRequests} | ` +
        `${run.workerCpuSeconds.map((seconds) => cores(seconds, run.cpu.wallSeconds)).join(' + ')} | ${run.workerPeakRssBytes.map(mb).join(' + ')} |`,
    );
  }
  lines.push(
    '',
    '| where the CPU went (cores busy during the run) | server | Postgres | load generator | other processes | stolen by the host | server CPU per event | Postgres CPU per event |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const run of results.ingest) {
    const c = run.cpu;
    const events = run.eventsPerSecond * c.wallSeconds;
    lines.push(
      `| ${label(run)} | ${cores(c.serverSeconds, c.wallSeconds)} | ${cores(c.postgresSeconds, c.wallSeconds)} | ` +
        `${cores(c.loadGeneratorSeconds, c.wallSeconds)} | ${cores(c.otherProcessesSeconds, c.wallSeconds)} | ` +
        `${c.stolenSeconds === undefined ? '-' : cores(c.stolenSeconds, c.wallSeconds)} | ` +
        `${micros(c.serverSeconds, events)} | ${micros(c.postgresSeconds, events)} |`,
    );
  }
  for (const run of results.delivery) {
    const c = run.cpu;
    lines.push(
      `| delivery, ${deliveryLabel(run)} (server = workers; sandbox ${cores(c.sandboxSeconds, c.wallSeconds)}) | ` +
        `${cores(c.workerSeconds, c.wallSeconds)} | ${cores(c.postgresSeconds, c.wallSeconds)} | - | ${cores(c.otherProcessesSeconds, c.wallSeconds)} | - | ` +
        `${micros(c.workerSeconds, run.deliveries)} | ${micros(c.postgresSeconds, run.deliveries)} |`,
    );
  }
  lines.push('', 'Postgres work per stored event (pg_stat_database / pg_stat_user_tables, warm-up and run; rows = inserts + updates):');
  for (const run of results.ingest) lines.push(`- ${label(run)}: ${commitsPerEvent(run)}; rows: ${rowsPerEvent(run)}`);
  const storage = [results.storage, results.storageAfterDelivery].filter((cost) => cost !== undefined);
  if (storage.length > 0) lines.push('', ...storage.map(storageLine));
  for (const run of results.ingest) if (run.maintenance) lines.push('', maintenanceLine(run, run.maintenance));
  lines.push('', `Peak RSS: ${Object.entries(results.peakRssBytes).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ')}.`);
  const memory = Object.entries(results.apiMemory);
  if (memory.length > 0) {
    lines.push(
      `api memory (its /metrics): ${memory
        .map(([moment, m]) => `${moment}: RSS ${mb(m.rssBytes)}, V8 heap ${mb(m.heapUsedBytes)} used of ${mb(m.heapTotalBytes)}, external ${mb(m.externalBytes)}`)
        .join('; ')}.`,
    );
  }
  lines.push('', '| target | goal | measured | met |', '|---|---|---|---|');
  for (const target of results.targets) lines.push(`| ${target.name} | ${target.target} | ${target.measured} | ${target.met ? 'yes' : '**no**'} |`);
  lines.push('', 'Integrity:');
  for (const check of results.storedEvents) {
    lines.push(
      `- ${check.ok ? 'ok  ' : 'FAIL'} ${check.system} ${check.tag}: ${check.acceptedEvents} events answered 202, ${check.storedEvents} stored, ` +
        `lost ${check.lost}, duplicated ${check.duplicates}, strays ${check.strays}, cut off unanswered but stored ${check.unansweredButStored}`,
    );
  }
  for (const check of results.integrity) lines.push(`- ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return lines.join('\n');
}

function storedEvents(run: IngestRunResult): number {
  return run.tableWrites[run.system === 'baseline' ? 'baseline_events' : 'events']?.inserted ?? 0;
}

function commitsPerEvent(run: IngestRunResult): string {
  const stored = storedEvents(run);
  return stored === 0 ? '-' : `${(run.commits / stored).toFixed(2)} transactions`;
}

function rowsPerEvent(run: IngestRunResult): string {
  const stored = storedEvents(run);
  if (stored === 0) return '-';
  return Object.entries(run.tableWrites)
    .map(([table, writes]) => [table, (writes.inserted + writes.updated) / stored] as const)
    .filter(([, perEvent]) => perEvent >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([table, perEvent]) => `${table} ${perEvent.toFixed(2)}`)
    .join(', ');
}

function label(run: IngestRunResult): string {
  const system = run.system === 'baseline' ? 'baseline (node:http + pg)' : run.apiProcesses ? `TrackLayer, ${run.apiProcesses} api processes` : 'TrackLayer';
  if (run.mode === 'segment-batch') return `${system}, Segment /v1/batch of ${run.eventsPerRequest}`;
  const again = run.repeat ? ' (again, after the Segment run)' : run.pruning ? PRUNING_LABELS[run.pruning] : '';
  return `${system}, ${run.mode === 'single' ? 'single events' : `batches of ${run.eventsPerRequest}`}${again}`;
}

const PRUNING_LABELS = {
  before: ' (before pruning)',
  during: ' (while the storage maintenance prunes)',
  after: ' (after pruning)',
} as const;

function deliveryLabel(run: DeliveryRunResult): string {
  const workers = `${run.workers} worker process${run.workers > 1 ? 'es' : ''}`;
  return `${workers}, ${run.connectors} ${PLATFORM_NAMES[run.platform]} connector${run.connectors > 1 ? 's' : ''}`;
}

// Segment batches carry the same events as native batches; the baseline has one batch run.
function baselineModeOf(run: IngestRunResult): IngestRunResult['mode'] {
  return run.mode === 'segment-batch' ? 'batch' : run.mode;
}

function cores(seconds: number, wallSeconds: number): string {
  return (seconds / wallSeconds).toFixed(2);
}

function micros(seconds: number, events: number): string {
  return events > 0 ? `${Math.round((seconds * 1e6) / events)} µs` : '-';
}

function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '-' : `${Math.round(bytes / MB)} MB`;
}
