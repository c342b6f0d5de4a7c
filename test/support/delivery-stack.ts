import { createHash } from 'node:crypto';
import { TikTokEvent } from '@app/tiktok';
import { createTestApp, createTestWorker, FAST_DELIVERY, TestApp, TestWorker, waitFor } from './test-app';
import { TestSandbox } from './test-sandbox';

export interface DeliveryStack {
  sandbox: TestSandbox;
  api: TestApp;
  worker: TestWorker;
  // Set when the api listens on a real port (for clients that need a URL, not supertest).
  url?: string;
  close(): Promise<void>;
}

// The sandbox, an api pointed at it and a worker delivering to it: an event's whole way.
export async function startDeliveryStack(env: Record<string, string> = {}, { listen = false } = {}): Promise<DeliveryStack> {
  const sandbox = await TestSandbox.start();
  // The sandbox answers as TikTok and as Meta (apps/sandbox/src/meta).
  const api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, META_API_BASE_URL: sandbox.url, ...FAST_DELIVERY, ...env });
  let url: string | undefined;
  if (listen) {
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}`;
  }
  const worker = await createTestWorker(api, FAST_DELIVERY);
  return {
    sandbox,
    api,
    worker,
    url,
    close: async () => {
      await worker.close();
      await api.close();
      await sandbox.close();
    },
  };
}

// The first event the sandbox accepted for the pixel that matches, once it is there.
export async function deliveredEvent(sandbox: TestSandbox, pixelCode: string | undefined, matches: (event: TikTokEvent) => boolean): Promise<TikTokEvent> {
  const events = await waitFor(
    () => sandbox.deliveredEvents(pixelCode as string),
    (delivered) => delivered.some(matches),
  );
  return events.find(matches) as TikTokEvent;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
