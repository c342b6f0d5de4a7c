import { waitUntilAnswering } from './http-ready.wait';

export interface SandboxPixel {
  pixelCode: string;
  accessToken: string;
}

// The sandbox's admin routes (docs/sandbox.md), as `npm run dev` uses them.
export class SandboxAdminClient {
  constructor(readonly url: string) {}

  waitUntilUp(timeoutMs = 30_000): Promise<void> {
    return waitUntilAnswering(`${this.url}/health`, timeoutMs, 'The sandbox');
  }

  async registerPixel(pixel: SandboxPixel): Promise<void> {
    const response = await fetch(`${this.url}/sandbox/pixels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pixelCode: pixel.pixelCode, accessToken: pixel.accessToken }),
    });
    if (!response.ok) throw new Error(`The sandbox refused pixel ${pixel.pixelCode}: HTTP ${response.status} ${await response.text()}`);
  }

  // A Meta pixel id (a connector's pixelCode) with its token, on the sandbox's Meta side.
  async registerMetaPixel(pixel: SandboxPixel): Promise<void> {
    const response = await fetch(`${this.url}/sandbox/pixels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'meta', pixelId: pixel.pixelCode, accessToken: pixel.accessToken }),
    });
    if (!response.ok) throw new Error(`The sandbox refused Meta pixel ${pixel.pixelCode}: HTTP ${response.status} ${await response.text()}`);
  }
}

// Only a sandbox on this machine gets tokens from the database.
export function isLoopbackUrl(raw: string): boolean {
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
