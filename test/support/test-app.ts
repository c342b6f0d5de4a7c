import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppConfig, loadAppConfig } from '@app/core';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import { createDatabaseFromTemplate, runId } from './test-databases';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  databaseUrl: string;
  close(): Promise<void>;
}

// The real ApiModule over its own database (cloned from the migrated template) and its own
// Redis key prefix; env overrides go through the same config loader as production.
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const suffix = randomBytes(4).toString('hex');
  const databaseUrl = await createDatabaseFromTemplate(`tl_test_${runId()}_${suffix}`);
  const config = loadAppConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    TRACKLAYER_ROLES: 'api',
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `tl_test_${runId()}_${suffix}`,
    ...env,
  });
  const app = await createApiApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    databaseUrl,
    close: () => app.close(),
  };
}
