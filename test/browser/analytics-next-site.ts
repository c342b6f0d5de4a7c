import { build } from 'esbuild';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';

// A shop that runs Segment's analytics.js (@segment/analytics-next from npm, bundled here with
// esbuild as a site's build would) with only its settings URL pointed at TrackLayer.
export class AnalyticsNextSite {
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(apiUrl: string, writeKey: string): Promise<AnalyticsNextSite> {
    const bundle = await build({
      stdin: {
        contents: "import { AnalyticsBrowser } from '@segment/analytics-next'; window.AnalyticsBrowser = AnalyticsBrowser;",
        resolveDir: join(__dirname, '..', '..'),
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0].text;
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://site');
      if (url.pathname === '/analytics.js') {
        response.writeHead(200, { 'content-type': 'application/javascript' });
        response.end(script);
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(page(apiUrl, writeKey, url.searchParams.has('batching')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new AnalyticsNextSite(server, (server.address() as { port: number }).port);
  }

  url(host: string, path: string): string {
    return `http://${host}:${this.port}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// The one line a customer changes is cdnURL (the settings, which name TrackLayer as the API host).
// The TikTok pixel's _ttp cookie goes along in integrations, where Segment's TikTok destination reads it.
function page(apiUrl: string, writeKey: string, batching: boolean): string {
  const options = batching ? `{ integrations: { 'Segment.io': { deliveryStrategy: { strategy: 'batching', config: { size: 2, timeout: 300 } } } } }` : '{}';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>shop</title><link rel="icon" href="data:,">
<script src="/analytics.js"></script>
<script>
document.cookie = '_ttp=ttp-analytics-next; path=/';
window.ttp = function () { var m = /(?:^|; )_ttp=([^;]*)/.exec(document.cookie); return m ? m[1] : undefined; };
window.analytics = AnalyticsBrowser.load({ writeKey: ${JSON.stringify(writeKey)}, cdnURL: ${JSON.stringify(apiUrl)} }, ${options});
</script>
</head><body><h1>shop</h1></body></html>`;
}
