import { Database } from '@app/core';
import { ConnectorsRepository, CredentialVault, openAllConnectorCredentials, UnreadableConnectorCredentials } from '@app/platforms';
import { DEMO_META_PIXEL, DEMO_PIXEL } from './demo-pixel';
import { SandboxAdminClient } from './sandbox-admin.client';

export interface SandboxPixelsResult {
  // The two demo pixels (TikTok, Meta) plus one per connector (a pixel with two tokens counts twice).
  registered: number;
  unreadable: UnreadableConnectorCredentials[];
}

// The sandbox keeps pixels in memory, like TikTok keeps them in Events Manager but forgetting them
// at every restart. `npm run dev` runs this after starting the sandbox and before the api and the
// worker, so no delivery (a pending one from before the restart included) meets a sandbox that
// does not know its pixel and turns the connector invalid.
export async function registerSandboxPixels(databaseUrl: string, vault: CredentialVault, sandbox: SandboxAdminClient): Promise<SandboxPixelsResult> {
  await sandbox.waitUntilUp();
  const db = new Database({ url: databaseUrl, max: 1, applicationName: 'tracklayer-dev-sandbox-pixels' });
  let tiktok;
  let meta;
  try {
    const connectors = new ConnectorsRepository(db);
    tiktok = await openAllConnectorCredentials(connectors, vault, 'tiktok');
    meta = await openAllConnectorCredentials(connectors, vault, 'meta');
  } finally {
    await db.close();
  }
  const pixels = [DEMO_PIXEL, ...tiktok.opened];
  const metaPixels = [DEMO_META_PIXEL, ...meta.opened];
  for (const pixel of pixels) await sandbox.registerPixel(pixel);
  for (const pixel of metaPixels) await sandbox.registerMetaPixel(pixel);
  return { registered: pixels.length + metaPixels.length, unreadable: [...tiktok.unreadable, ...meta.unreadable] };
}
