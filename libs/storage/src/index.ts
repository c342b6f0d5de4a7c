export * from './storage-maintenance';
export * from './storage-maintenance.module';
export * from './bounded-batches';
export * from './day-partitions';
export * from './day-partition.maintenance';
export * from './day-partitions.repository';
