export * from './events.module';
export * from './events.repository';
export * from './raw-events.repository';
export * from './raw-events.cleanup';
export * from './raw-event.redactor';
