import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

// The dashboard as `npm run build` makes it (Vite, production mode), into a directory of the
// test's own: the browser tests drive the current sources, never a stale dist/.
export async function buildDashboard(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tracklayer-dashboard-build-'));
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  await run(process.execPath, [vite, 'build', '--config', join(ROOT, 'apps/dashboard/vite.config.mts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return outDir;
}
