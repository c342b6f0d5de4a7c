import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

export interface DashboardBuild {
  dir: string;
  // What the build printed (the initial JS size line among it).
  output: string;
}

// The dashboard as `npm run build` makes it (Vite, production mode), into a directory of the
// test's own: the browser tests drive the current sources, never a stale dist/.
export async function buildDashboard(): Promise<DashboardBuild> {
  const outDir = await mkdtemp(join(tmpdir(), 'tracklayer-dashboard-build-'));
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const { stdout } = await run(
    process.execPath,
    [vite, 'build', '--config', join(ROOT, 'apps/dashboard/vite.config.mts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  return { dir: outDir, output: stdout };
}
