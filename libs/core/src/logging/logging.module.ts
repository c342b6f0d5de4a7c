import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { IncomingMessage } from 'node:http';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';

// Secrets must never reach a log line: headers that carry keys or tokens, bodies with passwords
// or access tokens, and the ?key= query parameter that navigator.sendBeacon callers use.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-tracklayer-key"]',
  'req.headers.cookie',
  'req.headers["access-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.accessToken',
  '*.access_token',
  '*.key',
  '*.token',
  '*.secret',
];

const ACCESS_LOGGED_LEVELS = new Set<AppConfig['logLevel']>(['info', 'debug', 'trace']);

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&]key=)[^&#]*/gi, '$1[Redacted]');
}

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
              headers: req.headers,
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
