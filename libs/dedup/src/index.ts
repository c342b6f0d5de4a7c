export * from './dedup.module';
export * from './event-dedup.repository';
