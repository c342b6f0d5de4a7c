import type { LoggerService } from '@nestjs/common';

// Logs the connection errors of a Redis client (ours, or BullMQ's queue and worker) through the
// app's logger, once per outage: ioredis emits an error for every reconnect attempt, several a
// second while Redis is down. Without a listener, ioredis prints "[ioredis] Unhandled error event"
// to stderr and BullMQ falls back to console.error: plain-text lines outside the JSON log.
export class RedisErrorLog {
  private downSince: number | undefined;
  private failures = 0;

  constructor(
    private readonly logger: LoggerService,
    // Which connection this is, as the log lines name it.
    private readonly connection: string,
    private readonly now: () => number = Date.now,
  ) {}

  error(error: unknown): void {
    if (!isConnectionError(error)) {
      // Not an outage (BullMQ reports a lost job lock this way, for one): every one is news.
      this.logger.error({ err: error, connection: this.connection }, `Error in ${this.connection}`);
      return;
    }
    this.failures++;
    if (this.downSince !== undefined) return;
    this.downSince = this.now();
    this.logger.error({ err: error, connection: this.connection }, `Redis connection failed (${this.connection}); reconnecting`);
  }

  ready(): void {
    if (this.downSince === undefined) return;
    const downMs = this.now() - this.downSince;
    this.logger.log({ connection: this.connection, downMs, failures: this.failures }, `Redis connection restored (${this.connection})`);
    this.downSince = undefined;
    this.failures = 0;
  }
}

const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// ioredis's errors while it cannot reach the server: a socket error code, or its own message for
// a command refused because the connection is closed.
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  return typeof message === 'string' && (message === 'Connection is closed.' || /connect ETIMEDOUT|ECONNREFUSED/.test(message));
}
