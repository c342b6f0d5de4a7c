import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/browser.sh decides from PATH, CHROMIUM_PATH and `id -u`. Each case runs it with a PATH
// of its own (a few real tools plus fakes), so the machine's /usr/bin/chromium stays hidden and
// nothing is installed for real.
const SCRIPT = join(__dirname, 'browser.sh');
const which = (tool: string) => execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
const BASH = which('bash');
const CHMOD = which('chmod');

interface Sandbox {
  dir: string;
  bin: string;
}

function makeSandbox(uid: number): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'browser-sh-'));
  const bin = join(dir, 'bin');
  execFileSync(which('mkdir'), [bin]);
  for (const tool of ['mkdir', 'tail', 'cat']) symlinkSync(which(tool), join(bin, tool));
  executable(join(bin, 'id'), `#!${BASH}\necho ${uid}\n`);
  return { dir, bin };
}

function executable(path: string, body: string): void {
  writeFileSync(path, body);
  chmodSync(path, 0o755);
}

function run(sandbox: Sandbox, env: Record<string, string> = {}) {
  const result = spawnSync(BASH, [SCRIPT], { cwd: sandbox.dir, env: { PATH: sandbox.bin, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe('scripts/browser.sh', () => {
  const sandboxes: Sandbox[] = [];
  const sandbox = (uid: number) => {
    const made = makeSandbox(uid);
    sandboxes.push(made);
    return made;
  };
  afterAll(() => sandboxes.forEach((s) => rmSync(s.dir, { recursive: true, force: true })));

  it('prints the chromium found on PATH', () => {
    const s = sandbox(1000);
    executable(join(s.bin, 'chromium'), '#!/bin/true\n');
    expect(run(s)).toMatchObject({ status: 0, stdout: join(s.bin, 'chromium') });
  });

  it('fails naming the one command to run when chromium is missing and it is not root', () => {
    const result = run(sandbox(1000));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the browser tests need Chromium, and it is not installed');
    expect(result.stderr).toContain('sudo apt-get install -y chromium');
    expect(result.stderr).toContain('CHROMIUM_PATH');
  });

  it('fails the same way as root on a machine without apt-get', () => {
    const result = run(sandbox(0));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('sudo apt-get install -y chromium');
  });

  it('installs chromium with apt-get as root, then prints it', () => {
    const s = sandbox(0);
    const installed = join(s.bin, 'chromium');
    executable(
      join(s.bin, 'apt-get'),
      `#!${BASH}\necho "apt-get $*" >> "${join(s.dir, 'apt-calls')}"\n` +
        `if [ "$1" = install ]; then printf '#!/bin/true\\n' > "${installed}"; "${CHMOD}" +x "${installed}"; fi\n`,
    );
    const result = run(s);
    expect(result).toMatchObject({ status: 0, stdout: installed });
    expect(result.stderr).toContain("installing Debian's chromium package");
    expect(readFileSync(join(s.dir, 'apt-calls'), 'utf8')).toContain('install -y -qq --no-install-recommends chromium');
  });

  it('shows the end of the apt-get log when the install fails', () => {
    const s = sandbox(0);
    executable(join(s.bin, 'apt-get'), `#!${BASH}\necho "E: Unable to locate package chromium" >&2\nexit 100\n`);
    const result = run(s);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('E: Unable to locate package chromium');
    expect(result.stderr).toContain('installing chromium failed (log: .local/chromium-install.log)');
  });

  it('takes CHROMIUM_PATH first, and refuses a wrong one instead of using another browser', () => {
    const s = sandbox(1000);
    executable(join(s.bin, 'chromium'), '#!/bin/true\n');
    const chrome = join(s.dir, 'chrome');
    executable(chrome, '#!/bin/true\n');
    expect(run(s, { CHROMIUM_PATH: chrome })).toMatchObject({ status: 0, stdout: chrome });

    const wrong = run(s, { CHROMIUM_PATH: join(s.dir, 'no-such-browser') });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toContain(`CHROMIUM_PATH is ${join(s.dir, 'no-such-browser')}, which is not an executable file`);
  });
});
