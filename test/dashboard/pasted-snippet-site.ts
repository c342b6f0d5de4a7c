import { createServer, Server } from 'node:http';

// A customer's site with the Install page's browser tag pasted into its <head>, as copied.
export class PastedSnippetSite {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(head: string): Promise<PastedSnippetSite> {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://site').pathname;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(`<!doctype html><html><head><meta charset="utf-8"><title>shop ${path}</title><link rel="icon" href="data:,">
${head}
</head><body><h1>${path}</h1></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new PastedSnippetSite(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
