import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from './free-port';

// A redis-server of the test's own, for tests that kill or flush Redis without touching the
// Redis every other test file shares.
export class PrivateRedis {
  private process: ChildProcess;

  private constructor(
    private readonly port: number,
    readonly url: string,
  ) {
    this.process = PrivateRedis.spawnServer(port);
  }

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const redis = new PrivateRedis(port, `redis://127.0.0.1:${port}`);
    await redis.waitUntilUp();
    return redis;
  }

  // A new, empty server on the same port: clients reconnect to it as to a restarted Redis.
  async restart(): Promise<void> {
    await this.kill();
    this.process = PrivateRedis.spawnServer(this.port);
    await this.waitUntilUp();
  }

  private static spawnServer(port: number): ChildProcess {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
    return spawn('redis-server', args, { stdio: 'ignore' });
  }

  private async waitUntilUp(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      if (await this.ping()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('redis-server did not start (is it installed? scripts/services.sh installs it)');
  }

  async ping(): Promise<boolean> {
    const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }

  async flushAll(): Promise<void> {
    const client = new Redis(this.url);
    await client.flushall();
    client.disconnect();
  }

  async kill(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGKILL');
    await exited;
  }
}
