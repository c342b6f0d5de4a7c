import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, DAY_MS, InjectConfig, PeriodicTask } from '@app/core';
import { EventsModule } from './events.module';
import { RawEventsRepository } from './raw-events.repository';

const BATCH = 5_000;
// Per run, so one run never holds the database for long; the next interval continues.
const MAX_BATCHES = 20;

// Runs in the worker: deletes raw events older than RAW_EVENTS_RETENTION_DAYS in batches, then
// trims each workspace's duplicate and rejected events to the newest RAW_EVENTS_MAX_REFUSED_PER_WORKSPACE.
@Injectable()
export class RawEventsCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RawEventsCleanup.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly rawEvents: RawEventsRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.task = new PeriodicTask(
      () => this.run().catch((error: unknown) => this.logger.warn({ err: error }, 'Raw events clean-up failed; trying again at the next interval')),
      config.rawEvents.cleanupIntervalMs,
    );
  }

  // Returns the rows deleted.
  async run(now = new Date()): Promise<number> {
    const { retentionDays, maxRefusedPerWorkspace } = this.config.rawEvents;
    const before = new Date(now.getTime() - retentionDays * DAY_MS);
    let deleted = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = await this.rawEvents.deleteOlderThan(before, BATCH);
      deleted += n;
      if (n < BATCH) break;
    }
    for (const { workspaceId } of await this.rawEvents.workspacesOverRefusedLimit(maxRefusedPerWorkspace)) {
      for (let i = 0; i < MAX_BATCHES; i++) {
        const n = await this.rawEvents.trimRefused(workspaceId, maxRefusedPerWorkspace, BATCH);
        deleted += n;
        if (n < BATCH) break;
      }
    }
    return deleted;
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}

// The clean-up, for the worker role.
@Module({ imports: [EventsModule], providers: [RawEventsCleanup], exports: [RawEventsCleanup] })
export class RawEventsCleanupModule {}
