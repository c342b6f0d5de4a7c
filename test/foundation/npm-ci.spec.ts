import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// README: `npm ci` installs without warnings on the supported Node. npm checks every locked
// package's `engines` against the running Node as it plans the install, so a dry run of the
// committed lockfile (in a copy: nothing is installed, nothing is fetched) prints the same
// EBADENGINE warnings a real `npm ci` would, such as content-disposition 3 asking for Node >= 22.
describe('npm ci', () => {
  it('plans the install on this Node without an engine warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-npm-ci-'));
    try {
      for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, file), join(dir, file));
      const result = spawnSync('npm', ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', join(dir, 'cache')], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      const output = `${result.stdout}${result.stderr}`;
      expect({ status: result.status, warnings: output.split('\n').filter((line) => /npm warn/i.test(line)) }).toEqual({ status: 0, warnings: [] });
      expect(output).toMatch(/added \d+ packages/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
