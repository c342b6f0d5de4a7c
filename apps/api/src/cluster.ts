import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

// `npm run start:api:cluster`: API_PROCESSES api processes (default: one per core) sharing one
// port through node:cluster. The primary loads no application code: it only forks, restarts a
// process that dies, and passes SIGTERM on. Each process is a whole api (docs/scaling.md): it holds
// nothing but caches, so any of them can answer any request.
const RESTART_DELAY_MS = 1000;

function processCount(env: NodeJS.ProcessEnv): number {
  const raw = env.API_PROCESSES;
  if (raw === undefined || raw === '') return availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write(`API_PROCESSES must be a positive integer (got "${raw}")\n`);
    process.exit(1);
  }
  return count;
}

function runPrimary(count: number): void {
  let stopping = false;
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === count) process.stdout.write(`TrackLayer api cluster (primary ${process.pid}): ${count} processes listening\n`);
  });
  let running = 0;
  cluster.on('fork', () => (running += 1));
  cluster.on('exit', (worker, code, signal) => {
    running -= 1;
    if (stopping) {
      if (running === 0) process.exit(0);
      return;
    }
    process.stderr.write(`api process ${worker.process.pid} exited (${signal ?? code}); starting another\n`);
    listening -= 1;
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true;
      if (running === 0) process.exit(0);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    });
  }
  for (let i = 0; i < count; i += 1) cluster.fork();
}

if (cluster.isPrimary) {
  runPrimary(processCount(process.env));
} else {
  // Loaded only in the forked processes: the primary stays a few MB.
  void import('./main');
}
