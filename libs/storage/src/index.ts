export * from './storage-maintenance';
export * from './storage-maintenance.module';
