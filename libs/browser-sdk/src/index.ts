export * from './browser-sdk.module';
export * from './sdk-bundle.builder';
