import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { IncomingMessage } from 'node:http';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { redactUrl } from './url.redactor';

// Secrets must never reach a log line: headers that carry keys or tokens, bodies with passwords
// or access tokens, the parameters of a failed SQL statement (emails, password hashes), and
// secrets in URLs (redactUrl: the ?key= of sendBeacon callers, invitation tokens in paths), also
// in the Referer header, where the dashboard's invitation page would put its token.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-tracklayer-key"]',
  'req.headers.cookie',
  'req.headers["access-token"]',
  'res.headers["set-cookie"]',
  'err.parameters',
  '*.password',
  '*.accessToken',
  '*.access_token',
  '*.key',
  '*.token',
  '*.secret',
];

const ACCESS_LOGGED_LEVELS = new Set<AppConfig['logLevel']>(['info', 'debug', 'trace']);

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Access lines are written at info. Above it, the per-request logger of pino-http costs
        // ingest ~5% of its CPU for lines nobody sees, so the hot endpoint goes without one.
        exclude: ACCESS_LOGGED_LEVELS.has(config.logLevel) ? [] : [{ method: RequestMethod.POST, path: 'v1/ingest' }],
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
          transport: config.logPretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
          serializers: {
            req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown> }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
              headers: typeof req.headers.referer === 'string' ? { ...req.headers, referer: redactUrl(req.headers.referer) } : req.headers,
            }),
            // Response headers are the same security headers on every line; the status is what matters.
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
