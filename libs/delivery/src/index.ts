export * from './connector-rate.limiter';
export * from './delivery-retry.policy';
export * from './delivery.module';
export * from './delivery.processor';
export * from './delivery.service';
export * from './delivery.sweeper';
