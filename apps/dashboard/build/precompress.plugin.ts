import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|css|svg|json)$/;

// Writes .gz and .br beside every text asset, so the api serves them pre-compressed
// (@fastify/static preCompressed) instead of compressing on each request or not at all. In
// writeBundle, once every plugin has finished the code (Vite fills in its preload list late).
export function precompress(): Plugin {
  return {
    name: 'tracklayer:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      for (const file of Object.values(bundle)) {
        if (!COMPRESSIBLE.test(file.fileName)) continue;
        const source = file.type === 'chunk' ? Buffer.from(file.code) : Buffer.from(file.source);
        writeFileSync(join(dir, `${file.fileName}.gz`), gzipSync(source, { level: 9 }));
        writeFileSync(join(dir, `${file.fileName}.br`), brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}
