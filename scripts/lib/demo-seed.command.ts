import { join } from 'node:path';
import { isLoopbackUrl } from './sandbox-admin.client';
import { DemoKeyStore } from './demo-key.store';
import { demoBanner, seedDemo } from './demo-seed';

// Run by `npm run dev` once the api answers: makes (or reuses) the demo account, workspace, key
// and sandbox connector, and prints what a newcomer needs to send a first event.
async function main(): Promise<void> {
  const tiktokApiBaseUrl = process.env.TIKTOK_API_BASE_URL ?? 'https://business-api.tiktok.com';
  const metaApiBaseUrl = process.env.META_API_BASE_URL ?? 'https://graph.facebook.com';
  const seed = await seedDemo({
    apiUrl: `http://127.0.0.1:${process.env.PORT ?? '3000'}`,
    sandboxUrl: isLoopbackUrl(tiktokApiBaseUrl) ? tiktokApiBaseUrl.replace(/\/+$/, '') : null,
    tiktokApiBaseUrl,
    metaSandboxUrl: isLoopbackUrl(metaApiBaseUrl) ? metaApiBaseUrl.replace(/\/+$/, '') : null,
    email: process.env.DEMO_EMAIL ?? 'demo@tracklayer.local',
    password: process.env.DEMO_PASSWORD ?? 'tracklayer-demo',
    keys: new DemoKeyStore(join(process.cwd(), '.local', 'demo'), process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tracklayer'),
  });
  console.log(demoBanner(seed));
}

main().catch((error: unknown) => {
  console.error(`demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
