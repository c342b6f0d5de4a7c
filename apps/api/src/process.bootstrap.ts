import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError, loadAppConfig } from '@app/core';
import { AppRootModule } from './app-root.module';
import { createApiApp } from './api-app.factory';

// Starts whatever TRACKLAYER_ROLES asks for: the HTTP api (with the worker inside it when both
// roles are set) or a worker without HTTP.
export async function startTrackLayer(env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfigOrExit(env);
  if (config.roles.includes('api')) {
    const app = await createApiApp(config);
    await app.listen(config.port, config.host);
    app.get(Logger).log(`TrackLayer ${config.roles.join('+')} listening on http://${config.host}:${config.port}`);
    return;
  }
  const context = await NestFactory.createApplicationContext(AppRootModule.forRoot(config), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  context.get(Logger).log('TrackLayer worker started');
}

function loadConfigOrExit(env: NodeJS.ProcessEnv): AppConfig {
  try {
    return loadAppConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
