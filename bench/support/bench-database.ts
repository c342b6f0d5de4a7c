import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import Redis from 'ioredis';

const run = promisify(execFile);

// The run's own database, next to whatever else lives on this Postgres (other engineers' test
// databases, the dev database): a fresh name per run, dropped at the end.
export class BenchDatabase {
  readonly url: string;
  private created = false;

  constructor(
    serverUrl: string,
    readonly name: string,
  ) {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    this.url = url.toString();
  }

  // TrackLayer's own migration command creates the database and applies every migration.
  async createAndMigrate(migrateScript: string): Promise<void> {
    this.created = true;
    await run(process.execPath, [migrateScript], { env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: this.url } });
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    if (!this.created) return;
    const admin = new Client({ connectionString: this.adminUrl() });
    await admin.connect();
    try {
      // FORCE ends connections a killed child may have left behind.
      await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
      this.created = false;
    } finally {
      await admin.end();
    }
  }

  private adminUrl(): string {
    const url = new URL(this.url);
    url.pathname = '/postgres';
    return url.toString();
  }
}

// BullMQ keys of the run live under its own QUEUE_PREFIX; nothing else in Redis is touched.
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
