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
  http: HttpTimeoutsConfig;
  auth: AuthLimitsConfig;
  // How long an ingest key lookup may be served from memory; bounds how late a revocation bites.
  ingestKeyCacheTtlMs: number;
  // Per ingest key and api process; 0 turns the limit off.
  ingestRateLimitPerSecond: number;
  ingestRateLimitBurst: number;
  delivery: DeliveryConfig;
  // How often the worker applies the workspaces' retention (docs/storage.md).
  storageMaintenanceIntervalMs: number;
  // What the events debugger keeps of every event as it arrived (raw_events).
  rawEvents: {
    retentionDays: number;
    // Duplicate and rejected events kept per workspace, newest first.
    maxRefusedPerWorkspace: number;
  };
  // The worker's alert rules and webhook sender (docs/alerts.md).
  alerts: AlertsConfig;
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

// How long the HTTP server waits for slow or idle clients before it cuts them (docs/security.md).
export interface HttpTimeoutsConfig {
  // The whole request, headers and body, must arrive within this (Node answers 408 and closes).
  requestTimeoutMs: number;
  // The headers must arrive within this (slowloris).
  headersTimeoutMs: number;
  // An idle keep-alive connection is closed after this; above a load balancer's idle timeout.
  keepAliveTimeoutMs: number;
  // A socket with no traffic at all for this long is destroyed.
  socketIdleTimeoutMs: number;
}

// Login and signup throttles (shared by all api processes through Redis) and password hashing.
export interface AuthLimitsConfig {
  // Attempts (before any password is hashed) per client IP and minute.
  loginAttemptsPerIpPerMinute: number;
  // Failed logins per account within the window; then 429 until the window ends.
  loginFailuresPerAccount: number;
  loginFailureWindowSeconds: number;
  signupsPerIpPerHour: number;
  // argon2 hashes running at once in this process; the rest wait in a queue fair between IPs.
  passwordHashConcurrency: number;
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

export interface AlertsConfig {
  // How often the worker evaluates the rules and sends due webhooks.
  evaluateIntervalMs: number;
  // A workspace with an active connector that received events, then none for this long.
  noTrafficMinutes: number;
  // Rejected events over received ones within the window, counted once at least minEvents arrived.
  maxRejectionRate: number;
  rejectionWindowMinutes: number;
  rejectionMinEvents: number;
  webhookTimeoutMs: number;
  // Sends of one alert before it is given up as failed; the wait doubles from the base each time.
  webhookMaxAttempts: number;
  webhookBackoffBaseMs: number;
  webhookBackoffMaxMs: number;
  // Resolved alerts are deleted this long after they were resolved; open ones are kept.
  retentionDays: number;
}
