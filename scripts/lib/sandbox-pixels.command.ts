import 'reflect-metadata';
import { loadAppConfig } from '@app/core';
import { credentialVaultFromConfig } from '@app/platforms';
import { isLoopbackUrl, SandboxAdminClient } from './sandbox-admin.client';
import { registerSandboxPixels } from './sandbox-pixels';

// Run by `npm run dev` between the sandbox and the api: see registerSandboxPixels.
async function main(): Promise<void> {
  const config = loadAppConfig();
  if (config.nodeEnv === 'production' || !isLoopbackUrl(config.tiktokApiBaseUrl)) {
    console.log(`sandbox: TIKTOK_API_BASE_URL is ${config.tiktokApiBaseUrl}, not a local sandbox; no pixels registered`);
    return;
  }
  const sandbox = new SandboxAdminClient(config.tiktokApiBaseUrl);
  const result = await registerSandboxPixels(config.databaseUrl, credentialVaultFromConfig(config), sandbox);
  console.log(`sandbox: registered the TikTok and Meta demo pixels and ${result.registered - 2} connector pixel(s) at ${sandbox.url}`);
  for (const connector of result.unreadable) {
    console.warn(`sandbox: connector ${connector.connectorId} (workspace ${connector.workspaceId}) not registered: ${connector.reason}`);
  }
}

main().catch((error: unknown) => {
  console.error(`sandbox pixels failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
