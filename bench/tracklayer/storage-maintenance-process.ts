import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, CoreModule, loadAppConfigOrExit } from '@app/core';
import { StorageMaintenanceModule } from '@app/storage';

// The worker's storage maintenance (StorageMaintenanceModule: the job and its scheduler, every
// STORAGE_MAINTENANCE_INTERVAL_MS) in a process of its own, for the pruning phase. A whole worker
// would also deliver the pruning run's pending deliveries, and that work (the worker, the sandbox,
// Postgres marking rows) would be counted against ingest too; this is the pruning alone.
@Module({})
class StorageMaintenanceOnlyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: StorageMaintenanceOnlyModule, imports: [CoreModule.forRoot(config), StorageMaintenanceModule] };
  }
}

async function main(): Promise<void> {
  const config = loadAppConfigOrExit({ ...process.env, TRACKLAYER_ROLES: 'worker' });
  const context = await NestFactory.createApplicationContext(StorageMaintenanceOnlyModule.forRoot(config), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  // The bench waits for this line (LOG_LEVEL=warn hides the logger's own start-up lines).
  process.stdout.write(`storage maintenance ${process.pid} running every ${config.storageMaintenanceIntervalMs} ms\n`);
}

void main();
