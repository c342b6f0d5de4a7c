import { ConsoleLogger } from '@nestjs/common';
import { startSandbox } from './sandbox.bootstrap';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  sandbox.app.enableShutdownHooks();
  new ConsoleLogger('TikTokSandbox').log(`TikTok Events API sandbox listening on ${sandbox.url}`);
}

main().catch((error: unknown) => {
  new ConsoleLogger('TikTokSandbox').error(error);
  process.exit(1);
});
