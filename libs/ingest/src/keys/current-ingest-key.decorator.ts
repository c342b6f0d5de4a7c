import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ResolvedIngestKey } from './ingest-key.cache';
import { IngestRequest } from './ingest-key.guard';

export const CurrentIngestKey = createParamDecorator((_: unknown, ctx: ExecutionContext): ResolvedIngestKey => {
  const key = ctx.switchToHttp().getRequest<IngestRequest>().ingestKey;
  if (!key) throw new Error('CurrentIngestKey used on a route without IngestKeyGuard');
  return key;
});
