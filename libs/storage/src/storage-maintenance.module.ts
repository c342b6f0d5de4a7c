import { Module } from '@nestjs/common';
import { DedupModule } from '@app/dedup';
import { EventsModule } from '@app/events';
import { ClickIdPruningModule } from '@app/ingest';
import { MetricsModule } from '@app/metrics';
import { PlatformsModule } from '@app/platforms';
import { WorkspaceRetentionModule } from '@app/tenancy';
import { DayPartitionMaintenance } from './day-partition.maintenance';
import { DayPartitionsRepository } from './day-partitions.repository';
import { StorageMaintenance } from './storage-maintenance';
import { StorageMaintenanceScheduler } from './storage-maintenance.scheduler';

// Retention for the worker role, the one scheduled job that deletes: owns no table, deletes
// through each table's owner lib.
@Module({
  imports: [WorkspaceRetentionModule, DedupModule, EventsModule, PlatformsModule, MetricsModule, ClickIdPruningModule],
  providers: [DayPartitionsRepository, DayPartitionMaintenance, StorageMaintenance, StorageMaintenanceScheduler],
  exports: [StorageMaintenance, DayPartitionMaintenance],
})
export class StorageMaintenanceModule {}
