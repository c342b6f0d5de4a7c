import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assetCacheControl, DASHBOARD_CSP, DASHBOARD_ROUTES, PAGE_CACHE_CONTROL } from './dashboard-headers';

const BUILT_DASHBOARD = join('dist', 'dashboard');

// `npm run build` writes the dashboard to dist/dashboard at the repository root; the same code
// runs from apps/api/src (tests) and dist/apps/api/src (production), so walk up to find it.
export function findBuiltDashboard(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, BUILT_DASHBOARD);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

// The dashboard (apps/dashboard, built by Vite) served by the api itself at `/`: hashed assets with
// long immutable caching (pre-compressed .br/.gz when the browser takes them), index.html for each
// client-side route, never cached, under the dashboard's strict Content-Security-Policy.
export async function serveDashboard(app: NestFastifyApplication, configuredDir: string | undefined): Promise<void> {
  const logger = new Logger('Dashboard');
  const dir = configuredDir ?? findBuiltDashboard();
  const indexFile = dir && join(dir, 'index.html');
  const fastify = app.getHttpAdapter().getInstance();

  if (!indexFile || !existsSync(indexFile)) {
    logger.warn(`The dashboard is not built (${indexFile ?? BUILT_DASHBOARD} is missing): run npm run build`);
    for (const route of DASHBOARD_ROUTES) {
      fastify.get(route, (_request, reply) => {
        void reply
          .code(503)
          .header('cache-control', 'no-store')
          .send({ statusCode: 503, error: 'Service Unavailable', message: 'The dashboard is not built: run npm run build' });
      });
    }
    return;
  }

  // Read once: the build does not change under a running process.
  const page = readFileSync(indexFile);
  for (const route of DASHBOARD_ROUTES) {
    fastify.get(route, (_request, reply) => {
      void reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', PAGE_CACHE_CONTROL)
        .header('content-security-policy', DASHBOARD_CSP)
        .send(page);
    });
  }
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    // One route per built file, fixed at start: nothing outside the build answers, and no
    // catch-all route competes with the API's.
    wildcard: false,
    index: false,
    decorateReply: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', assetCacheControl(path));
    },
  });
}
