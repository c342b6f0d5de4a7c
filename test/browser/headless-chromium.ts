import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

// npm test (scripts/browser.sh) finds or installs Chromium and passes its path in CHROMIUM_PATH.
const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SITE_DOMAIN = 'shop.test';

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  // Console errors and uncaught page errors: the snippet must cause none.
  problems: string[];
  // What the page sent to the ingest endpoint.
  ingestRequests: Array<{ url: string; method: string; resourceType: string; contentType?: string; authorization?: string }>;
}

// Debian's chromium driven by playwright-core (no browser download); npm test installs it.
export class HeadlessChromium {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<HeadlessChromium> {
    if (!existsSync(EXECUTABLE)) throw new Error(`${EXECUTABLE} is missing: run npm test (it installs Chromium) or apt-get install -y chromium`);
    const browser = await chromium.launch({
      executablePath: EXECUTABLE,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Real-looking subdomains of one site (www. and checkout.) for the cookie-domain test.
        `--host-resolver-rules=MAP *.${SITE_DOMAIN} 127.0.0.1`,
      ],
    });
    return new HeadlessChromium(browser);
  }

  // A fresh profile (its own cookies and cache) with one watched page; initScript runs before any
  // page script, e.g. to block cookies.
  async open(initScript?: () => void): Promise<WatchedPage> {
    const context = await this.browser.newContext();
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const ingestRequests: WatchedPage['ingestRequests'] = [];
    page.on('request', (request) => {
      if (!request.url().includes('/v1/ingest')) return;
      const headers = request.headers();
      ingestRequests.push({
        url: request.url(),
        method: request.method(),
        resourceType: request.resourceType(),
        contentType: headers['content-type'], authorization: headers['authorization'] });
    });
    return { context, page, problems, ingestRequests };
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
