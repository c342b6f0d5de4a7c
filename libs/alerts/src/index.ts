export * from './alerts.module';
export * from './alerts-worker.module';
export * from './alerts.repository';
export * from './alert-rules';
export * from './webhook-signature';
