import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../phases/bench-context';
import { recordApiMemory } from './api-memory';
import { sandboxEnv } from './tracklayer-env';
import { TrackLayerSetup } from './tracklayer-setup';

// The TikTok sandbox, then TrackLayer's api (TRACKLAYER_ROLES=api: no worker inside it) with the
// node flags of `npm run start:api`, then an account through the public API. `extraNodeArgs` is
// how the profile mode adds --cpu-prof.
export async function startTrackLayer(ctx: BenchContext, extraNodeArgs: string[] = []): Promise<void> {
  const apiNodeArgs = [...productionNodeFlags('start:api'), ...extraNodeArgs];
  ctx.sandbox = ctx.children.start('sandbox', ctx.paths.sandbox, sandboxEnv(ctx.ports.sandbox));
  await ctx.waitReady(ctx.sandbox, `${sandboxUrl(ctx)}/health`);
  ctx.api = ctx.children.start('api', ctx.paths.api, { ...ctx.tracklayerEnv, TRACKLAYER_ROLES: 'api' }, apiNodeArgs);
  await ctx.waitReady(ctx.api, `${apiUrl(ctx)}/health/ready`);
  ctx.setup = new TrackLayerSetup(apiUrl(ctx), sandboxUrl(ctx));
  await ctx.setup.signUp();
  // What the api holds before any load: the floor under the peaks measured later.
  ctx.results.peakRssBytes['api after start'] = ctx.api.peakRss();
  await recordApiMemory(ctx, 'after start');
}

export function apiUrl(ctx: BenchContext): string {
  return `http://127.0.0.1:${ctx.ports.api}`;
}

export function sandboxUrl(ctx: BenchContext): string {
  return `http://127.0.0.1:${ctx.ports.sandbox}`;
}

// The flags between `node` and the script in a package.json script ("node --x=1 dist/...").
export function productionNodeFlags(script: string): string[] {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts[script].split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json script ${script} does not start with node`);
  return words.slice(1).filter((word) => word.startsWith('--'));
}
