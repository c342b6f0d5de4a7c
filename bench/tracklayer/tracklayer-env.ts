import { randomBytes } from 'node:crypto';

export interface StackSettings {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  apiPort: number;
  sandboxPort: number;
}

// Production mode as a deployment runs it: fresh secrets per run, logs at warn, and no per-key
// rate limit (the bench is one key sending as fast as it can, which the limit exists to stop).
// The sandbox answers as TikTok and as Meta on one port, as in `npm run dev`.
export function tracklayerEnv(settings: StackSettings): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: settings.queuePrefix,
    PORT: String(settings.apiPort),
    HOST: '127.0.0.1',
    TIKTOK_API_BASE_URL: `http://127.0.0.1:${settings.sandboxPort}`,
    META_API_BASE_URL: `http://127.0.0.1:${settings.sandboxPort}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    INGEST_RATE_LIMIT_PER_SECOND: '0',
  };
}

// The delivery settings: full 1000-event requests (TikTok's and Meta's limit), a request
// rate that never binds, and a sweeper quick enough that its interval does not show in the timings.
export function workerEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...base,
    TRACKLAYER_ROLES: 'worker',
    DELIVERY_BATCH_SIZE: '1000',
    DELIVERY_REQUESTS_PER_SECOND: '1000',
    DELIVERY_SWEEP_INTERVAL_MS: '200',
  };
}

export function sandboxEnv(sandboxPort: number): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: 'production', SANDBOX_PORT: String(sandboxPort), SANDBOX_HOST: '127.0.0.1' };
}
