export * from './alerts.module';
export * from './alerts-worker.module';
// For the repository SQL test's sample calls.
export * from './alerts.repository';
