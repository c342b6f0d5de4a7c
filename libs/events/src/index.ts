export * from './events.module';
export * from './events.repository';
export * from './raw-events.repository';
export * from './raw-events.retention';
export * from './raw-event.redactor';
