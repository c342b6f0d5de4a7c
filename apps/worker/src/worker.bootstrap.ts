import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadAppConfigOrExit } from '@app/core';
import type { PlatformComposition } from '@app/composition';
import { WorkerModule } from './worker.module';

// The worker as a Nest application context: no HTTP server, shut down on SIGTERM.
export async function createWorker(config: AppConfig, options: { logger?: false; platforms?: PlatformComposition } = {}): Promise<INestApplicationContext> {
  const { platforms, ...contextOptions } = options;
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, platforms), { bufferLogs: true, ...contextOptions });
  if (options.logger !== false) context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  return context;
}

export async function startWorker(env: NodeJS.ProcessEnv): Promise<void> {
  const context = await createWorker(loadAppConfigOrExit({ ...env, TRACKLAYER_ROLES: 'worker' }));
  context.get(Logger).log('TrackLayer worker started');
}
