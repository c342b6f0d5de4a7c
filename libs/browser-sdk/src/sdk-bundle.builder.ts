import { build, stop } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SDK_ENTRY = join('libs', 'browser-sdk', 'snippet', 'tracklayer.ts');

// The snippet's TypeScript source, found by walking up to the repository root: the same code runs
// from libs/browser-sdk/src (tests, ts sources) and from dist/libs/browser-sdk/src (production).
export function findSdkEntry(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, SDK_ENTRY);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`browser SDK source ${SDK_ENTRY} not found above ${from}`);
  }
}

// One minified IIFE for the browsers TikTok's own pixel supports (ES2017), no runtime dependencies.
// The async API, then stop(): esbuild's buildSync runs its service in a worker thread that stays
// alive with its own V8 heap (measured: 12 MB of the api's RSS, for a build done once at start).
export async function buildSdkBundle(entry: string = findSdkEntry()): Promise<Buffer> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2017',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  await stop();
  return Buffer.from(result.outputFiles[0].contents);
}
