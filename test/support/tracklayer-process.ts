import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// TrackLayer's api and worker as real processes (the production build), for tests that kill them.
// The build goes to a directory of the test's own under .local/, next to node_modules.
export class TrackLayerBuild {
  private constructor(readonly dir: string) {}

  static create(name: string): TrackLayerBuild {
    const dir = join(ROOT, '.local', name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const swc = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'swc'),
      ['apps', 'libs', 'migrations', 'scripts/lib', '-d', join(dir, 'dist'), '--config-file', '.swcrc', '-q'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (swc.status !== 0) throw new Error(`swc build failed: ${swc.stderr}`);
    return new TrackLayerBuild(dir);
  }

  get apiScript(): string {
    return join(this.dir, 'dist', 'apps', 'api', 'src', 'main.js');
  }

  get workerScript(): string {
    return join(this.dir, 'dist', 'apps', 'worker', 'src', 'main.js');
  }

  logFile(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class TrackLayerProcess {
  private readonly exited: Promise<void>;
  private running = true;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.running = false;
        resolve();
      }),
    );
  }

  // Starts the script and resolves once a log line matches `ready` (stdout and stderr both go to the log).
  static async start(name: string, script: string, logFile: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<TrackLayerProcess> {
    const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const started = new TrackLayerProcess(name, child, logFile);
    const deadline = Date.now() + 30_000;
    while (!ready.test(started.log())) {
      if (!started.running) throw new Error(`${name} exited during start-up:\n${started.tail()}`);
      if (Date.now() > deadline) throw new Error(`${name} did not start within 30 s:\n${started.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return started;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get alive(): boolean {
    return this.running;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    await this.exited;
  }

  // SIGTERM (a graceful stop), then SIGKILL if it has not stopped within 10 s.
  async stop(): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  tail(lines = 30): string {
    return this.log().trimEnd().split('\n').slice(-lines).join('\n');
  }
}
