import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@app/core';
import type { IngestRequest } from '../../keys/ingest-key.guard';
import { IngestKeysService } from '../../keys/ingest-keys.service';
import { asObject, asText } from '../message-field.reader';

const QUERY_WRITE_KEY = 'tracklayer:queryWriteKey';

// Marks the one route (RudderStack's beacon) whose clients can only put the key in the URL.
export const AllowQueryWriteKey = () => SetMetadata(QUERY_WRITE_KEY, true);

interface WriteKeyRequest extends IngestRequest {
  body?: unknown;
}

// Segment's ways of sending the write key, first match wins: HTTP Basic with the key as user
// name (analytics-node sends "key:", others the bare key), the body's writeKey (analytics.js),
// and ?writeKey= (RudderStack's beacon, only where allowed).
export function extractWriteKey(request: WriteKeyRequest, allowQuery: boolean): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^basic\s+/i.test(authorization)) {
    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0].trim();
    if (user) return user;
  }
  const fromBody = asText(asObject(request.body)?.writeKey);
  if (fromBody) return fromBody;
  if (allowQuery) return asText(request.query?.writeKey);
  return undefined;
}

// The ingest key is the write key. Runs after the body is parsed, so the body's writeKey counts.
@Injectable()
export class WriteKeyGuard implements CanActivate {
  constructor(
    private readonly keys: IngestKeysService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WriteKeyRequest>();
    const allowQuery = this.reflector.get<boolean | undefined>(QUERY_WRITE_KEY, context.getHandler()) === true;
    const key = extractWriteKey(request, allowQuery);
    if (!key) {
      throw new DomainError(
        'unauthorized',
        'missing_write_key',
        'Missing write key: use your TrackLayer ingest key as the write key (HTTP Basic user name or the body writeKey)',
      );
    }
    // A lookup that fails with Postgres away is answered 503 by the error filter; the clients retry it.
    const resolved = await this.keys.resolve(key);
    if (!resolved) throw new DomainError('unauthorized', 'invalid_ingest_key', 'This ingest key is unknown or has been revoked');
    request.ingestKey = resolved;
    return true;
  }
}
