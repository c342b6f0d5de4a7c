import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

const GOAL_BYTES = 200 * 1024;

// The JavaScript a first visit must download before the dashboard renders: the entry chunk and
// everything it imports statically (lazy pages and the chart library are left out).
export function initialChunks(bundle: OutputBundle): OutputChunk[] {
  const chunks = new Map(
    Object.values(bundle)
      .filter((file): file is OutputChunk => file.type === 'chunk')
      .map((chunk) => [chunk.fileName, chunk]),
  );
  const initial = new Map<string, OutputChunk>();
  const visit = (chunk: OutputChunk | undefined): void => {
    if (!chunk || initial.has(chunk.fileName)) return;
    initial.set(chunk.fileName, chunk);
    for (const imported of chunk.imports) visit(chunks.get(imported));
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk);
  return [...initial.values()];
}

// Prints one line the build log and CI keep: the gzipped size of the initial JS against the goal.
export function initialJsSize(): Plugin {
  return {
    name: 'tracklayer:initial-js-size',
    apply: 'build',
    writeBundle(_options, bundle) {
      const chunks = initialChunks(bundle);
      const gzipped = chunks.reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).length, 0);
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      const verdict = gzipped <= GOAL_BYTES ? `goal < ${kb(GOAL_BYTES)}: met` : `goal < ${kb(GOAL_BYTES)}: NOT met`;
      this.info(`initial JS ${kb(gzipped)} gzipped in ${chunks.length} file(s) (${verdict})`);
      process.stdout.write(`dashboard: initial JS ${kb(gzipped)} gzipped (${chunks.map((c) => c.fileName).join(', ')}; ${verdict})\n`);
    },
  };
}
