import { Module } from '@nestjs/common';
import { DedupModule } from '@app/dedup';
import { EventsModule } from '@app/events';
import { PlatformsModule } from '@app/platforms';
import { WorkspaceRetentionModule } from '@app/tenancy';
import { StorageMaintenance } from './storage-maintenance';
import { StorageMaintenanceScheduler } from './storage-maintenance.scheduler';

// Retention for the worker role: owns no table, deletes through each table's owner repository.
@Module({
  imports: [WorkspaceRetentionModule, DedupModule, EventsModule, PlatformsModule],
  providers: [StorageMaintenance, StorageMaintenanceScheduler],
  exports: [StorageMaintenance],
})
export class StorageMaintenanceModule {}
