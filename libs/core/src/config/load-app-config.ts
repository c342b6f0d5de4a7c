import { createHash } from 'node:crypto';
import { AppConfig, NodeEnv, ProcessRole } from './app-config';
import { ConfigError } from './config.error';
import { defaultQueuePrefix } from './queue-prefix';

type Env = Record<string, string | undefined>;

const DEV_JWT_SECRET = 'tracklayer-development-jwt-secret-not-for-production';
// 32 bytes of zeros would be a footgun even in development; a fixed derived key is clearly fake.
const DEV_CREDENTIALS_KEY = createHash('sha256').update('tracklayer-development-credentials-key').digest();
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const GRAPH_API_VERSION = /^v\d{1,3}\.\d{1,2}$/;

// Validates every variable and reports all problems at once, each naming its variable, so a
// misconfigured deployment fails at boot with one readable message instead of at first use.
export function loadAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development') as NodeEnv;
  const production = nodeEnv === 'production';

  const jwtSecret = read.string('JWT_SECRET', production ? undefined : DEV_JWT_SECRET);
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');

  const credentialsKey = read.key('CREDENTIALS_KEY', production ? undefined : DEV_CREDENTIALS_KEY);
  const credentialsKeyPrevious = read.key('CREDENTIALS_KEY_PREVIOUS', null);

  const databaseUrl = read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/tracklayer', ['postgres:', 'postgresql:']);

  const config: AppConfig = {
    nodeEnv,
    databaseUrl,
    redisUrl: read.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    host: read.string('HOST', '0.0.0.0') ?? '0.0.0.0',
    port: read.int('PORT', 3000, 0, 65535),
    roles: read.roles('TRACKLAYER_ROLES', ['api', 'worker']),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logPretty: read.bool('LOG_PRETTY', false),
    // An unreadable DATABASE_URL is already a reported problem; the prefix must not hide it.
    queuePrefix: read.optionalString('QUEUE_PREFIX') ?? (URL.canParse(databaseUrl) ? defaultQueuePrefix(databaseUrl) : ''),
    tiktokApiBaseUrl: read.url('TIKTOK_API_BASE_URL', 'https://business-api.tiktok.com', ['http:', 'https:']),
    tiktokTimeoutMs: read.int('TIKTOK_TIMEOUT_MS', 10_000, 100, 120_000),
    meta: {
      apiBaseUrl: read.url('META_API_BASE_URL', 'https://graph.facebook.com', ['http:', 'https:']),
      // The version Meta's own Conversions API pages and its Python SDK use; a version lives two years or more.
      apiVersion: read.matching('META_API_VERSION', GRAPH_API_VERSION, 'v25.0', 'a Graph API version like v25.0'),
      // Meta's guidance: most answers come within 600 ms, give up after 1.5 s and retry.
      timeoutMs: read.int('META_TIMEOUT_MS', 1500, 100, 120_000),
      accessTokenIn: read.oneOf('META_ACCESS_TOKEN_IN', ['header', 'body'] as const, 'header'),
      credentialCheck: read.oneOf('META_CREDENTIAL_CHECK', ['pixel_read', 'test_event'] as const, 'pixel_read'),
    },
    jwtSecret: jwtSecret ?? '',
    jwtExpiresIn: read.string('JWT_EXPIRES_IN', '12h') ?? '12h',
    credentialsKey: credentialsKey ?? Buffer.alloc(0),
    credentialsKeyId: credentialsKey ? keyId(credentialsKey) : '',
    credentialsKeyPrevious: credentialsKeyPrevious ?? undefined,
    credentialsKeyPreviousId: credentialsKeyPrevious ? keyId(credentialsKeyPrevious) : undefined,
    sandboxPort: read.int('SANDBOX_PORT', 3900, 0, 65535),
    dashboardDir: read.string('DASHBOARD_DIR', '') || undefined,
    trustProxy: read.bool('TRUST_PROXY', false),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    http: {
      requestTimeoutMs: read.int('HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
      headersTimeoutMs: read.int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000),
      keepAliveTimeoutMs: read.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000, 1000, 600_000),
      socketIdleTimeoutMs: read.int('HTTP_SOCKET_IDLE_TIMEOUT_MS', 60_000, 1000, 3_600_000),
    },
    auth: {
      loginAttemptsPerIpPerMinute: read.int('LOGIN_ATTEMPTS_PER_IP_PER_MINUTE', 30, 1, 1_000_000),
      loginFailuresPerAccount: read.int('LOGIN_FAILURES_PER_ACCOUNT', 10, 1, 1_000_000),
      loginFailureWindowSeconds: read.int('LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
      signupsPerIpPerHour: read.int('SIGNUPS_PER_IP_PER_HOUR', 20, 1, 1_000_000),
      passwordHashConcurrency: read.int('PASSWORD_HASH_CONCURRENCY', 2, 1, 64),
    },
    ingestKeyCacheTtlMs: read.int('INGEST_KEY_CACHE_TTL_MS', 1000, 0, 1000),
    ingestRateLimitPerSecond: read.int('INGEST_RATE_LIMIT_PER_SECOND', 2000, 0, 1_000_000),
    ingestRateLimitBurst: read.int('INGEST_RATE_LIMIT_BURST', 4000, 1, 10_000_000),
    rawEvents: {
      retentionDays: read.int('RAW_EVENTS_RETENTION_DAYS', 7, 1, 365),
      maxRefusedPerWorkspace: read.int('RAW_EVENTS_MAX_REFUSED_PER_WORKSPACE', 10_000, 1, 10_000_000),
    },
    alerts: {
      evaluateIntervalMs: read.int('ALERTS_EVALUATE_INTERVAL_MS', 60_000, 50, 3_600_000),
      noTrafficMinutes: read.int('ALERTS_NO_TRAFFIC_MINUTES', 60, 1, 10_080),
      maxRejectionRate: read.fraction('ALERTS_MAX_REJECTION_RATE', 0.2),
      rejectionWindowMinutes: read.int('ALERTS_REJECTION_WINDOW_MINUTES', 60, 1, 10_080),
      rejectionMinEvents: read.int('ALERTS_REJECTION_MIN_EVENTS', 20, 1, 1_000_000),
      webhookTimeoutMs: read.int('ALERTS_WEBHOOK_TIMEOUT_MS', 5_000, 100, 60_000),
      webhookMaxAttempts: read.int('ALERTS_WEBHOOK_MAX_ATTEMPTS', 10, 1, 100),
      webhookBackoffBaseMs: read.int('ALERTS_WEBHOOK_BACKOFF_BASE_MS', 30_000, 1, 3_600_000),
      webhookBackoffMaxMs: read.int('ALERTS_WEBHOOK_BACKOFF_MAX_MS', 3_600_000, 1, 86_400_000),
      retentionDays: read.int('ALERTS_RETENTION_DAYS', 30, 1, 3650),
    },
    metricsThresholds: {
      maxRejectionRate: read.fraction('METRICS_MAX_REJECTION_RATE', 0.05),
      minTtclidCoverage: read.fraction('METRICS_MIN_TTCLID_COVERAGE', 0.3),
      minTtpCoverage: read.fraction('METRICS_MIN_TTP_COVERAGE', 0.5),
      maxUnmappedShare: read.fraction('METRICS_MAX_UNMAPPED_SHARE', 0.1),
      maxPendingAgeMinutes: read.int('METRICS_MAX_PENDING_MINUTES', 10, 1, 10_080),
    },
    delivery: {
      batchSize: read.int('DELIVERY_BATCH_SIZE', 1000, 1, 1000),
      concurrency: read.int('DELIVERY_CONCURRENCY', 4, 1, 100),
      parallelPerConnector: read.int('DELIVERY_PARALLEL_PER_CONNECTOR', 2, 1, 16),
      requestsPerSecond: read.int('DELIVERY_REQUESTS_PER_SECOND', 50, 1, 10_000),
      backoffBaseMs: read.int('DELIVERY_BACKOFF_BASE_MS', 5_000, 1, 3_600_000),
      backoffMaxMs: read.int('DELIVERY_BACKOFF_MAX_MS', 3_600_000, 1, 86_400_000),
      maxRetryMs: read.int('DELIVERY_MAX_RETRY_MS', 86_400_000, 1, 30 * 86_400_000),
      sweepIntervalMs: read.int('DELIVERY_SWEEP_INTERVAL_MS', 5_000, 50, 3_600_000),
    },
    storageMaintenanceIntervalMs: read.int('STORAGE_MAINTENANCE_INTERVAL_MS', 60_000, 1_000, 86_400_000),
  };

  if (!/^\d+[smhd]?$/.test(config.jwtExpiresIn)) {
    problems.push(`JWT_EXPIRES_IN must be a duration like 3600, 30m, 12h or 7d (got "${config.jwtExpiresIn}")`);
  }
  if (config.http.headersTimeoutMs > config.http.requestTimeoutMs) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_MS (${config.http.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${config.http.requestTimeoutMs})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

// A key id recorded beside each ciphertext: derived from the key itself, so rotating keys needs
// no separate id variable and a wrong key is detected before decryption is attempted.
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string | undefined): string | undefined {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) this.problems.push(`${name} is required`);
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  fraction(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
      this.problems.push(`${name} must be a number from 0 to 1 (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  matching(name: string, pattern: RegExp, fallback: string, description: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!pattern.test(value)) {
      this.problems.push(`${name} must be ${description} (got "${value}")`);
      return fallback;
    }
    return value;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const value = this.raw(name) ?? fallback;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${url.protocol}")`);
      }
    } catch {
      this.problems.push(`${name} must be a URL (got "${value}")`);
    }
    return value.replace(/\/+$/, '');
  }

  roles(name: string, fallback: ProcessRole[]): ProcessRole[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const roles = value.split(',').map((role) => role.trim()).filter(Boolean);
    const bad = roles.filter((role) => role !== 'api' && role !== 'worker');
    if (roles.length === 0 || bad.length > 0) {
      this.problems.push(`${name} must be a comma-separated list of api, worker (got "${value}")`);
      return fallback;
    }
    return [...new Set(roles)] as ProcessRole[];
  }

  // null fallback means optional: absent is fine, present must be valid.
  key(name: string, fallback: Buffer | undefined | null): Buffer | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      if (fallback === undefined) this.problems.push(`${name} is required (32 bytes, base64; e.g. openssl rand -base64 32)`);
      return fallback ?? undefined;
    }
    const key = Buffer.from(value, 'base64');
    if (key.length !== 32) {
      this.problems.push(`${name} must be 32 bytes encoded as base64 (decoded to ${key.length} bytes)`);
      return undefined;
    }
    return key;
  }
}

// For the apps' main files: a bad configuration is one readable message and exit code 1.
export function loadAppConfigOrExit(env: Env): AppConfig {
  try {
    return loadAppConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
