import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { initialJsSize } from './build/initial-js-size.plugin.ts';
import { precompress } from './build/precompress.plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Built by `npm run build` into dist/dashboard, which the api serves at `/`. `npx vite --config
// apps/dashboard/vite.config.mts` serves it with hot reload, proxying /v1 to a running api.
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [react(), precompress(), initialJsSize()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Inlined assets would be data: URLs in CSS; the CSP allows them for images only, so keep files.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/v1': process.env.TRACKLAYER_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
