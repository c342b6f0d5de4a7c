import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processCpuSeconds } from './cpu-meter';
import { peakRssBytes } from './peak-rss';

export interface BenchChild {
  name: string;
  pid: number;
  logFile: string;
  alive(): boolean;
  // Peak resident set so far (VmHWM), in bytes; remembered after the process exits.
  peakRss(): number | undefined;
  // CPU seconds (user + system) used so far.
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

// Owns every process the bench starts, so that a failure, an exit or Ctrl-C stops all of them.
// The pids are also written to a file that scripts/bench.sh reads in its own trap, for the case
// where this process dies too hard (SIGKILL, OOM) to clean up after itself.
export class ChildProcesses {
  // Each running child with the promise of its exit.
  private readonly children = new Map<ChildProcess, Promise<void>>();

  constructor(
    private readonly logDir: string,
    private readonly pidFile: string | undefined,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(name: string, script: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): BenchChild {
    const logFile = join(this.logDir, `${name}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [...nodeArgs, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid === undefined) throw new Error(`could not start ${name} (${script})`);
    const pid = child.pid;
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);

    let exited = false;
    let lastPeak: number | undefined;
    const exit = new Promise<void>((resolve) => {
      child.once('exit', () => {
        exited = true;
        this.children.delete(child);
        this.writePidFile();
        resolve();
      });
    });
    this.children.set(child, exit);
    this.writePidFile();
    const peakRss = () => {
      if (!exited) lastPeak = peakRssBytes(pid) ?? lastPeak;
      return lastPeak;
    };
    return {
      name,
      pid,
      logFile,
      alive: () => !exited,
      peakRss,
      cpuSeconds: () => processCpuSeconds(pid),
      stop: async () => {
        peakRss();
        await stopChild(child, exit, () => exited);
      },
    };
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children].map(([child, exit]) => stopChild(child, exit, () => !this.children.has(child))));
  }

  private writePidFile(): void {
    if (!this.pidFile) return;
    writeFileSync(this.pidFile, [...this.children.keys()].map((child) => child.pid).join('\n'));
  }
}

// SIGTERM lets Nest close its pools; a process that hangs in shutdown gets SIGKILL after 10 s.
async function stopChild(child: ChildProcess, exit: Promise<void>, exited: () => boolean): Promise<void> {
  if (exited()) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exit;
  clearTimeout(timer);
}

export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
