export * from './events.module';
export * from './events.repository';
