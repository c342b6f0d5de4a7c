import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadAppConfigOrExit } from '@app/core';
import { WorkerModule } from './worker.module';

// The worker as a Nest application context: no HTTP server, shut down on SIGTERM.
export async function createWorker(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true, ...options });
  if (options.logger !== false) context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  return context;
}

export async function startWorker(env: NodeJS.ProcessEnv): Promise<void> {
  const context = await createWorker(loadAppConfigOrExit({ ...env, TRACKLAYER_ROLES: 'worker' }));
  context.get(Logger).log('TrackLayer worker started');
}
