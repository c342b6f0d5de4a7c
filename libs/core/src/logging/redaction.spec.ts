import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS } from './logging.module';

function capture(): { logger: pino.Logger; lines: () => string } {
  let output = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  return { logger: pino({ redact: { paths: REDACTED_PATHS, censor: '[Redacted]' } }, stream), lines: () => output };
}

describe('log redaction', () => {
  it('hides credentials in request headers', () => {
    const { logger, lines } = capture();
    logger.info({
      req: {
        headers: { authorization: 'Bearer eyJ.secret.jwt', 'x-tracklayer-key': 'tl_live_secretkey', 'access-token': 'tiktok-secret', cookie: 'sid=1' },
      },
    });
    expect(lines()).not.toMatch(/eyJ\.secret|tl_live_secretkey|tiktok-secret|sid=1/);
    expect(lines()).toContain('[Redacted]');
  });

  it('hides passwords, access tokens and keys in logged objects', () => {
    const { logger, lines } = capture();
    logger.info({ body: { email: 'a@b.c', password: 'hunter2hunter2' } });
    logger.info({ connector: { accessToken: 'tok-123456', access_token: 'tok-654321' } });
    logger.info({ created: { key: 'tl_live_full', token: 'jwt', secret: 's3' } });
    logger.error({ err: { message: 'insert failed', parameters: ['a@b.c', '$argon2id$hash'] } });
    expect(lines()).not.toMatch(/hunter2|tok-123456|tok-654321|tl_live_full|"jwt"|"s3"|argon2id/);
    expect(lines()).toContain('a@b.c');
  });
});
