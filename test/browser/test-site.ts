import { createServer, Server } from 'node:http';

// The customer's site: HTML pages on 127.0.0.1 (reachable as "localhost" too, which the browser
// treats as another site) that load tracklayer.js from the api like a real shop would.
export class TestSite {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly sdkUrl: string,
    private readonly ingestKey: string,
  ) {}

  static async start(sdkUrl: string, ingestKey: string): Promise<TestSite> {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://site').pathname;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(site.html(path));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const site = new TestSite(server, (server.address() as { port: number }).port, sdkUrl, ingestKey);
    return site;
  }

  url(host: string, path: string): string {
    return `http://${host}:${this.port}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  // "/queued/<event id>" uses the inline stub of docs/browser.md and tracks before the script loads.
  private html(path: string): string {
    const queued = /^\/queued\/([\w-]+)$/.exec(path)?.[1];
    const stub = queued
      ? `<script>
window.tracklayer=window.tracklayer||[];["track","identify"].forEach(function(m){tracklayer[m]=tracklayer[m]||function(){tracklayer.push([m].concat([].slice.call(arguments)))}});
tracklayer.identify({ external_id: 'customer-7' });
tracklayer.track('add_to_cart', { value: 9.5, currency: 'USD', event_id: '${queued}' });
</script>`
      : '';
    return `<!doctype html>
<html><head><meta charset="utf-8"><title>shop ${path}</title><link rel="icon" href="data:,">
${stub}
<script src="${this.sdkUrl}" data-key="${this.ingestKey}" async></script>
</head><body><h1>${path}</h1><a id="next" href="#">next</a></body></html>`;
  }
}
