export interface SandboxPixel {
  pixelCode: string;
  accessToken: string;
}

// The sandbox's admin routes (docs/sandbox.md), as `npm run dev` uses them.
export class SandboxAdminClient {
  constructor(readonly url: string) {}

  async waitUntilUp(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The sandbox did not answer at ${this.url}/health within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async registerPixel(pixel: SandboxPixel): Promise<void> {
    const response = await fetch(`${this.url}/sandbox/pixels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pixelCode: pixel.pixelCode, accessToken: pixel.accessToken }),
    });
    if (!response.ok) throw new Error(`The sandbox refused pixel ${pixel.pixelCode}: HTTP ${response.status} ${await response.text()}`);
  }
}

// Only a sandbox on this machine gets tokens from the database.
export function isLoopbackUrl(raw: string): boolean {
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
