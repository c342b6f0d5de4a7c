export * from './storage-maintenance';
export * from './storage-maintenance.module';
export * from './bounded-batches';
