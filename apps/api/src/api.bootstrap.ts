import { Logger } from 'nestjs-pino';
import { loadAppConfigOrExit } from '@app/core';
import { createApiApp } from './api-app.factory';

// Starts the HTTP api, with the worker's modules inside it when TRACKLAYER_ROLES also says worker.
export async function startApi(env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadAppConfigOrExit(env);
  if (!config.roles.includes('api')) {
    process.stderr.write('apps/api serves HTTP: TRACKLAYER_ROLES must include api (start a worker alone with npm run start:worker)\n');
    process.exit(1);
  }
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  app.get(Logger).log(`TrackLayer ${config.roles.join('+')} listening on http://${config.host}:${config.port}`);
}
