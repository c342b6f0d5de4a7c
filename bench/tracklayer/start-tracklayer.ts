import type { BenchContext } from '../phases/bench-context';
import { recordApiMemory } from './api-memory';
import { sandboxEnv } from './tracklayer-env';
import { TrackLayerSetup } from './tracklayer-setup';

// The TikTok sandbox, then TrackLayer's api (TRACKLAYER_ROLES=api: no worker inside it), then an
// account through the public API. `apiNodeArgs` is how the profile mode adds --cpu-prof.
export async function startTrackLayer(ctx: BenchContext, apiNodeArgs: string[] = []): Promise<void> {
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
