export * from './formats/drop-in-body.decoder';
export * from './ingest.module';
export * from './keys/current-ingest-key.decorator';
export * from './keys/ingest-key-auth.decorator';
export * from './keys/ingest-key.cache';
export * from './keys/ingest-key.guard';
export * from './keys/ingest-keys.service';
export * from './validation/ingest-event.schema';
