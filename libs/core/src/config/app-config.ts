export type ProcessRole = 'api' | 'worker';
export type NodeEnv = 'development' | 'test' | 'production';

// Read once at start-up by loadAppConfig(); every other piece of code receives this object
// instead of touching process.env, so tests can build one per run without mutating globals.
export interface AppConfig {
  nodeEnv: NodeEnv;
  databaseUrl: string;
  redisUrl: string;
  host: string;
  port: number;
  roles: ProcessRole[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logPretty: boolean;
  // Prefix of every BullMQ key, so test runs and several deployments can share one Redis.
  queuePrefix: string;
  tiktokApiBaseUrl: string;
  tiktokTimeoutMs: number;
  meta: MetaApiConfig;
  jwtSecret: string;
  jwtExpiresIn: string;
  credentialsKey: Buffer;
  credentialsKeyId: string;
  credentialsKeyPrevious?: Buffer;
  credentialsKeyPreviousId?: string;
  sandboxPort: number;
  // The built dashboard (index.html + assets/); default: dist/dashboard of the repository.
  dashboardDir?: string;
  // Honour X-Forwarded-For only behind a proxy we trust; otherwise any client could forge its IP.
  trustProxy: boolean;
  bodyLimitBytes: number;
  // How long an ingest key lookup may be served from memory; bounds how late a revocation bites.
  ingestKeyCacheTtlMs: number;
  // Per ingest key and api process; 0 turns the limit off.
  ingestRateLimitPerSecond: number;
  ingestRateLimitBurst: number;
  delivery: DeliveryConfig;
  // Limits of the health verdict in the metrics API.
  metricsThresholds: {
    maxRejectionRate: number;
    minTtclidCoverage: number;
    minTtpCoverage: number;
    maxUnmappedShare: number;
    maxPendingAgeMinutes: number;
  };
}

export interface MetaApiConfig {
  // https://graph.facebook.com, or the sandbox's URL for tests and development.
  apiBaseUrl: string;
  // Graph API version in every path, e.g. v25.0.
  apiVersion: string;
  timeoutMs: number;
  // Where the access token travels. Never the query string: URLs end up in access logs.
  accessTokenIn: 'header' | 'body';
  // How a connector's credentials are checked on save: read the pixel (no event) or send one test event.
  credentialCheck: 'pixel_read' | 'test_event';
}

export interface DeliveryConfig {
  // Events per platform request (TikTok takes at most 1000).
  batchSize: number;
  // Delivery jobs one worker process runs at once.
  concurrency: number;
  // Jobs that may drain one connector at the same time (across all workers).
  parallelPerConnector: number;
  // Requests per second per connector and worker process, so one tenant cannot starve the others.
  requestsPerSecond: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  // After this long a retryable delivery becomes `failed`.
  maxRetryMs: number;
  // How often the worker looks for due pending deliveries that have no job (Redis lost them).
  sweepIntervalMs: number;
}
