export * from './dashboard-client';
export * from './test-app';
export * from './test-databases';
export * from './test-sandbox';
export * from './ingest-client';
export * from './private-redis';
export * from './dashboard-build';
