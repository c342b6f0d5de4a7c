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

  it('bounds slow clients by default and keeps the header timeout within the request timeout', () => {
    expect(loadAppConfig({}).http).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 72_000, socketIdleTimeoutMs: 60_000 });
    expect(() => loadAppConfig({ HTTP_REQUEST_TIMEOUT_MS: '5000' })).toThrow('HTTP_HEADERS_TIMEOUT_MS (10000) must not exceed HTTP_REQUEST_TIMEOUT_MS (5000)');
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

  it('defaults the Meta Conversions API settings and validates each of them', () => {
    expect(loadAppConfig({}).meta).toEqual({
      apiBaseUrl: 'https://graph.facebook.com',
      apiVersion: 'v25.0',
      timeoutMs: 1500,
      accessTokenIn: 'header',
      credentialCheck: 'pixel_read',
    });
    expect(
      loadAppConfig({
        META_API_BASE_URL: 'http://127.0.0.1:3900/',
        META_API_VERSION: 'v26.0',
        META_TIMEOUT_MS: '3000',
        META_ACCESS_TOKEN_IN: 'body',
        META_CREDENTIAL_CHECK: 'test_event',
      }).meta,
    ).toEqual({
      apiBaseUrl: 'http://127.0.0.1:3900',
      apiVersion: 'v26.0',
      timeoutMs: 3000,
      accessTokenIn: 'body',
      credentialCheck: 'test_event',
    });

    let problems: string[] = [];
    try {
      loadAppConfig({
        META_API_BASE_URL: 'ftp://graph.example',
        META_API_VERSION: '25.0',
        META_TIMEOUT_MS: '50',
        META_ACCESS_TOKEN_IN: 'query',
        META_CREDENTIAL_CHECK: 'none',
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'META_API_BASE_URL must be a http: or https: URL (got "ftp:")',
      'META_API_VERSION must be a Graph API version like v25.0 (got "25.0")',
      'META_TIMEOUT_MS must be an integer from 100 to 120000 (got "50")',
      'META_ACCESS_TOKEN_IN must be one of header, body (got "query")',
      'META_CREDENTIAL_CHECK must be one of pixel_read, test_event (got "none")',
    ]);
  });

  it('derives the queue prefix from the database name unless QUEUE_PREFIX is set', () => {
    expect(loadAppConfig({}).queuePrefix).toBe('tracklayer:tracklayer');
    expect(loadAppConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tracklayer_second' }).queuePrefix).toBe(
      'tracklayer:tracklayer_second',
    );
    expect(loadAppConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop', QUEUE_PREFIX: 'shop-eu' }).queuePrefix).toBe('shop-eu');
  });

  it('reports an unreadable DATABASE_URL instead of failing on the queue prefix', () => {
    expect(() => loadAppConfig({ DATABASE_URL: 'not a url' })).toThrow('DATABASE_URL must be a URL (got "not a url")');
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
