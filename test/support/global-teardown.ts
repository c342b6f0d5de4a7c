import Redis from 'ioredis';
import { dropRunDatabases, runId } from './test-databases';

export default async function globalTeardown(): Promise<void> {
  const id = runId();
  await dropRunDatabases(id);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  try {
    // Test apps set QUEUE_PREFIX from the run id; tests of the default prefix get it from their
    // database's name (tl_test_<run>_...) under tracklayer:.
    for (const pattern of [`tl_test_${id}*`, `tracklayer:tl_test_${id}*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}
