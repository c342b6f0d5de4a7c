import { loadAppConfig } from './load-app-config';
import { ConfigError } from './config.error';

describe('loadAppConfig', () => {
  it('gives working development defaults', () => {
    const config = loadAppConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/tracklayer');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.roles).toEqual(['api', 'worker']);
    expect(config.credentialsKey).toHaveLength(32);
    expect(config.credentialsKeyId).toMatch(/^[0-9a-f]{8}$/);
  });

  it('requires secrets in production and names each missing variable', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadAppConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('JWT_SECRET is required');
      expect(message).toContain('CREDENTIALS_KEY is required');
    }
  });

  it('rejects a token lifetime jsonwebtoken would misread', () => {
    expect(() => loadAppConfig({ JWT_EXPIRES_IN: '12 hours' })).toThrow('JWT_EXPIRES_IN must be a duration');
    expect(loadAppConfig({ JWT_EXPIRES_IN: '30m' }).jwtExpiresIn).toBe('30m');
  });

  it('reports every bad variable at once', () => {
    let problems: string[] = [];
    try {
      loadAppConfig({ PORT: 'abc', TRACKLAYER_ROLES: 'api,cron', DATABASE_URL: 'mysql://x', CREDENTIALS_KEY: 'c2hvcnQ=' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'CREDENTIALS_KEY must be 32 bytes encoded as base64 (decoded to 5 bytes)',
      'DATABASE_URL must be a postgres: or postgresql: URL (got "mysql:")',
      'PORT must be an integer from 0 to 65535 (got "abc")',
      'TRACKLAYER_ROLES must be a comma-separated list of api, worker (got "api,cron")',
    ]);
  });

  it('derives distinct key ids for the current and previous credentials keys', () => {
    const config = loadAppConfig({
      CREDENTIALS_KEY: Buffer.alloc(32, 1).toString('base64'),
      CREDENTIALS_KEY_PREVIOUS: Buffer.alloc(32, 2).toString('base64'),
    });
    expect(config.credentialsKeyPreviousId).toBeDefined();
    expect(config.credentialsKeyPreviousId).not.toBe(config.credentialsKeyId);
  });
});
