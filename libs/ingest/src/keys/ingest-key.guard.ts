import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { ResolvedIngestKey } from './ingest-key.cache';
import { IngestKeysService } from './ingest-keys.service';

export interface IngestRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  ingestKey?: ResolvedIngestKey;
}

// Accepts the key three ways: Authorization: Bearer (servers), X-TrackLayer-Key (servers that
// already use Authorization), and ?key= (navigator.sendBeacon cannot set headers).
export function extractIngestKey(request: IngestRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) {
    return authorization.replace(/^bearer\s+/i, '').trim();
  }
  const header = request.headers['x-tracklayer-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const query = request.query?.key;
  if (typeof query === 'string' && query.trim()) return query.trim();
  return undefined;
}

@Injectable()
export class IngestKeyGuard implements CanActivate {
  constructor(private readonly keys: IngestKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<IngestRequest>();
    const key = extractIngestKey(request);
    if (!key) {
      throw new DomainError(
        'unauthorized',
        'missing_ingest_key',
        'Missing ingest key: send Authorization: Bearer <key>, X-TrackLayer-Key: <key> or ?key=<key>',
      );
    }
    const resolved = await this.keys.resolve(key);
    if (!resolved) {
      throw new DomainError('unauthorized', 'invalid_ingest_key', 'This ingest key is unknown or has been revoked');
    }
    request.ingestKey = resolved;
    return true;
  }
}
