import { ConsoleLogger } from '@nestjs/common';
import { startSandbox } from './sandbox.bootstrap';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  sandbox.app.enableShutdownHooks();
  new ConsoleLogger('Sandbox').log(`Platform sandbox (TikTok Events API, Meta Conversions API) listening on ${sandbox.url}`);
}

main().catch((error: unknown) => {
  new ConsoleLogger('Sandbox').error(error);
  process.exit(1);
});
