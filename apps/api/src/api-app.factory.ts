import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, installRequestBounds, respondToFrameworkError, TRUNCATED_HEADER } from '@app/core';
import { registerDropInBodyDecoding, registerIngestSchemas } from '@app/ingest';
import { PrometheusMetrics } from '@app/metrics';
import { ApiModule } from './api.module';
import { PlatformComposition, PLATFORMS_COMPOSITION } from '@app/composition';
import { serveDashboard } from './dashboard/dashboard-static';

// Builds the HTTP application exactly as production runs it; main.ts and the e2e tests both use it.
export async function createApiApp(config: AppConfig, platforms: PlatformComposition = PLATFORMS_COMPOSITION): Promise<NestFastifyApplication> {
  const { http } = config;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Slow and idle clients are cut (docs/security.md). Node checks the request and header
    // timeouts every connectionsCheckingInterval, so a slow body is cut within requestTimeout + 1 s.
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    connectionTimeout: http.socketIdleTimeoutMs,
    http: { headersTimeout: http.headersTimeoutMs, requestTimeout: http.requestTimeoutMs, connectionsCheckingInterval: 1000 },
    frameworkErrors: respondToFrameworkError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, platforms), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  installRequestBounds(fastify);
  const prometheus = app.get(PrometheusMetrics);
  // The route pattern, never the raw URL: ids in paths would explode the label set.
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    prometheus.httpDuration.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  // Segment/RudderStack/GA4 bodies: gzip or deflate, any content type, limits on decoded bytes.
  registerDropInBodyDecoding(fastify);
  // navigator.sendBeacon posts JSON as text/plain (it cannot set application/json without a
  // CORS preflight), so text/plain bodies are parsed as JSON too.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });

  await app.register(helmet, {
    // Swagger UI needs inline styles and scripts; the API itself serves only JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    // Customers' sites load the browser snippet from this origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await serveDashboard(app, config.dashboardDir);
  // Bearer tokens and ingest keys, never cookies: any origin may call, credentials are not shared.
  await app.register(cors, {
    origin: true,
    credentials: false,
    // x-retry-count and anonymousid: analytics.js and RudderStack's JavaScript SDK send them.
    allowedHeaders: ['authorization', 'content-type', 'x-tracklayer-key', 'x-retry-count', 'anonymousid'],
    exposedHeaders: ['retry-after', 'x-ratelimit-reset', TRUNCATED_HEADER],
    maxAge: 86_400,
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TrackLayer API')
      .setDescription(
        'Dashboard API (JWT bearer tokens from /v1/auth/login, or the dashboard cookie session of /v1/auth/session) and the ingest ' +
          'endpoint (ingest keys). The contract, with what each ' +
          'answer means, is docs/api.md in the TrackLayer repository. Every error has the shape ErrorResponse.',
      )
      .setVersion('1')
      .addBearerAuth()
      // The dashboard's session (docs/dashboard.md); state-changing requests add X-CSRF-Token.
      .addCookieAuth('tl_session')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-TrackLayer-Key' }, 'ingestKey')
      // Segment's and RudderStack's clients send the ingest key as the Basic user name.
      .addBasicAuth({ type: 'http', scheme: 'basic', description: 'The ingest key as user name (drop-in Segment API)' }, 'basic')
      // GA4's Measurement Protocol carries the ingest key as its api_secret.
      .addApiKey({ type: 'apiKey', in: 'query', name: 'api_secret' }, 'ga4ApiSecret')
      .build(),
  );
  registerIngestSchemas(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
