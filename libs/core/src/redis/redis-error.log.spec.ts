import type { LoggerService } from '@nestjs/common';
import { isConnectionError, RedisErrorLog } from './redis-error.log';

function recordingLogger(): LoggerService & { lines: Array<[string, unknown, string]> } {
  const lines: Array<[string, unknown, string]> = [];
  return {
    lines,
    log: (fields: unknown, message: string) => lines.push(['log', fields, message]),
    error: (fields: unknown, message: string) => lines.push(['error', fields, message]),
    warn: (fields: unknown, message: string) => lines.push(['warn', fields, message]),
  };
}

describe('RedisErrorLog', () => {
  it('logs one error per outage and one line when the connection is back', () => {
    let now = 1000;
    const logger = recordingLogger();
    const log = new RedisErrorLog(logger, 'delivery queue', () => now);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    log.ready();
    for (let i = 0; i < 20; i++) log.error(refused);
    now += 4000;
    log.ready();
    log.ready();
    expect(logger.lines).toEqual([
      ['error', { err: refused, connection: 'delivery queue' }, 'Redis connection failed (delivery queue); reconnecting'],
      ['log', { connection: 'delivery queue', downMs: 4000, failures: 20 }, 'Redis connection restored (delivery queue)'],
    ]);
    log.error(refused);
    expect(logger.lines).toHaveLength(3);
  });

  it('logs every error that is not about the connection', () => {
    const logger = recordingLogger();
    const log = new RedisErrorLog(logger, 'delivery worker');
    log.error(new Error('Missing lock for job 7. moveToFinished'));
    log.error(new Error('Missing lock for job 8. moveToFinished'));
    expect(logger.lines.map(([level, , message]) => [level, message])).toEqual([
      ['error', 'Error in delivery worker'],
      ['error', 'Error in delivery worker'],
    ]);
  });
});

describe('isConnectionError', () => {
  it('tells socket failures from other errors', () => {
    expect(isConnectionError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionError(new Error('Connection is closed.'))).toBe(true);
    expect(isConnectionError(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe(true);
    expect(isConnectionError(new Error('Missing lock for job 1'))).toBe(false);
    expect(isConnectionError('ECONNREFUSED')).toBe(false);
  });
});
