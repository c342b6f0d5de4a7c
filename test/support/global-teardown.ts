import Redis from 'ioredis';
import { dropRunDatabases, runId } from './test-databases';

export default async function globalTeardown(): Promise<void> {
  const id = runId();
  await dropRunDatabases(id);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `tl_test_${id}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
