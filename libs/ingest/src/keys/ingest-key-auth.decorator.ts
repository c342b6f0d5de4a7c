import { SetMetadata } from '@nestjs/common';

export const INGEST_KEY_AUTH = 'tracklayer:ingestKeyAuth';

// Marks a @Public() route that authenticates with an ingest key of its own (a guard, or GA4's
// api_secret read by its service because Google's protocol answers 2xx whatever the key): the
// route-permission snapshot records it as ingest-key auth rather than as open to anyone.
export const IngestKeyAuth = (): MethodDecorator & ClassDecorator => SetMetadata(INGEST_KEY_AUTH, true);
