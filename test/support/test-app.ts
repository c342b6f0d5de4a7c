import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, Database, loadAppConfig } from '@app/core';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import type { PlatformComposition } from '@app/composition';
import { createWorker } from '../../apps/worker/src/worker.bootstrap';
import { SqlCapture } from './sql/sql-capture';
import { TestDatabase } from './test-database';
import { createDatabaseFromTemplate, runId } from './test-databases';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  databaseUrl: string;
  // The variables this app was started with (over process.env), for a peer started like it.
  env: Record<string, string>;
  // The test's own connection to the same database (not seen by the SQL capture).
  db: TestDatabase;
  sql: SqlCapture;
  // Closes the app; an unscoped statement it sent fails the test file afterwards (see SqlCapture).
  close(): Promise<void>;
}

// The real ApiModule over its own database (cloned from the migrated template) and its own
// Redis key prefix; env overrides go through the same config loader as production. With
// DATABASE_URL in env it runs over that database instead, like a restarted process.
// `platforms` replaces the apps' PLATFORMS_COMPOSITION (a test adding a platform of its own).
export interface TestAppOptions {
  platforms?: PlatformComposition;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const suffix = randomBytes(4).toString('hex');
  const databaseUrl = env.DATABASE_URL ?? (await createDatabaseFromTemplate(`tl_test_${runId()}_${suffix}`));
  const appEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    TRACKLAYER_ROLES: 'api',
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `tl_test_${runId()}_${suffix}`,
    // Every test signs up and logs in from 127.0.0.1; the throttle tests set their own limits.
    SIGNUPS_PER_IP_PER_HOUR: '100000',
    LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
    ...env,
  };
  return startTestApp(appEnv, databaseUrl, options);
}

// A second api process over the same database, Redis prefix and settings, with its own caches,
// pools and in-memory state: what another copy of the api behind a load balancer is.
export function createPeerTestApp(api: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ ...api.env, ...env }, api.databaseUrl);
}

async function startTestApp(env: Record<string, string>, databaseUrl: string, options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadAppConfig({ ...process.env, ...env });
  const db = new TestDatabase(databaseUrl);
  const app = await createApiApp(config, options.platforms);
  const sql = await SqlCapture.attach(app.get(Database), db);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    databaseUrl,
    env,
    db,
    sql,
    close: async () => {
      await app.close();
      await db.close();
      sql.stop();
    },
  };
}

// Delivery settings under which a worker sweeps and retries within a test's patience.
export const FAST_DELIVERY: Readonly<Record<string, string>> = {
  DELIVERY_SWEEP_INTERVAL_MS: '200',
  DELIVERY_BACKOFF_BASE_MS: '50',
  DELIVERY_BACKOFF_MAX_MS: '200',
  DELIVERY_REQUESTS_PER_SECOND: '1000',
};

export interface TestWorker {
  context: INestApplicationContext;
  config: AppConfig;
  close(): Promise<void>;
}

// A worker (queue consumers and sweeper, no HTTP) over the api's database and queue prefix, as a
// separate Nest application with its own connections, like a separate worker process.
export async function createTestWorker(api: TestApp, env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestWorker> {
  const config = loadAppConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: api.databaseUrl,
    QUEUE_PREFIX: api.config.queuePrefix,
    REDIS_URL: api.config.redisUrl,
    TIKTOK_API_BASE_URL: api.config.tiktokApiBaseUrl,
    META_API_BASE_URL: api.config.meta.apiBaseUrl,
    META_API_VERSION: api.config.meta.apiVersion,
    CREDENTIALS_KEY: api.config.credentialsKey.toString('base64'),
    ...env,
    TRACKLAYER_ROLES: 'worker',
  });
  const context = await createWorker(config, { ...(process.env.TEST_LOG_LEVEL ? {} : { logger: false as const }), platforms: options.platforms });
  const sql = await SqlCapture.attach(context.get(Database), api.db);
  await context.init();
  return {
    context,
    config,
    close: async () => {
      await context.close();
      sql.stop();
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
