// The phases of a run, in the order they run. BENCH_PHASES=<comma-separated names> runs only
// those (the TrackLayer stack still starts for the phases that need it): to iterate on one phase
// without the minutes the others take. The targets of a phase left out are simply not reported.
export const BENCH_PHASES = ['baseline', 'ingest', 'cluster', 'pruning', 'delivery'] as const;
export type BenchPhase = (typeof BENCH_PHASES)[number];

// Every knob of a run in one place. The defaults are the method (issue 7); the BENCH_*
// variables exist to iterate on the bench itself quickly, never to publish numbers.
export interface BenchConfig {
  phases: BenchPhase[];
  warmupSeconds: number;
  durationSeconds: number;
  single: { connections: number };
  batch: { connections: number; size: number };
  delivery: { events: number; seedBatchSize: number; seedConcurrency: number; timeoutSeconds: number };
  // Postgres pool of the baseline server: the same size as TrackLayer's (data-source.options.ts).
  baselinePoolSize: number;
  // True when a BENCH_* variable changed the method: such runs never replace latest.json.
  customised: boolean;
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
    return value;
  };
  return {
    phases: phasesOf(env.BENCH_PHASES),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 3),
    durationSeconds: int('BENCH_DURATION_SECONDS', 15),
    single: { connections: 20 },
    batch: { connections: 10, size: 100 },
    delivery: {
      events: int('BENCH_DELIVERY_EVENTS', 50_000),
      seedBatchSize: 500,
      seedConcurrency: 4,
      timeoutSeconds: int('BENCH_DELIVERY_TIMEOUT_SECONDS', 120),
    },
    baselinePoolSize: 20,
    customised: Object.keys(env).some((name) => name.startsWith('BENCH_') && name !== 'BENCH_PID_FILE' && name !== 'BENCH_RESULTS_DIR'),
  };
}

function phasesOf(raw: string | undefined): BenchPhase[] {
  if (raw === undefined || raw.trim() === '') return [...BENCH_PHASES];
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCH_PHASES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_PHASES takes ${BENCH_PHASES.join(', ')} (got "${unknown.join('", "')}")`);
  return BENCH_PHASES.filter((phase) => names.includes(phase));
}
