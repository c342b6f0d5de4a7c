import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import Redis from 'ioredis';
import type { BenchDatabase } from '../support/bench-database';
import type { MachineInfo } from './bench-results';

export async function machineInfo(db: BenchDatabase, redisUrl: string): Promise<MachineInfo> {
  const [postgres] = await db.query<{ server_version: string }>('SHOW server_version');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: totalmem(),
    node: process.version,
    os: `${osType()} ${release()}`,
    postgres: postgres.server_version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    // Other work on the machine shows here first: the bench does not run alone on shared hosts.
    loadAverageAtStart: loadavg().map(round2),
    loadAverageAtEnd: [],
  };
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
