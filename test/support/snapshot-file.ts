import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const ROOT = `${__dirname}/../..`;

// A committed file that a test compares with what it computed (route permissions, the schema,
// repository SQL): a difference fails with the changed lines, so the change is reviewed on
// purpose. UPDATE_SNAPSHOTS=1 writes the file instead; a missing file is an error, never
// silently created.
export function expectSnapshotFile(file: string, actual: string, what: string, regenerate: string): void {
  const name = relative(ROOT, file);
  if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`${name} is missing; create it with UPDATE_SNAPSHOTS=1 ${regenerate} and commit it`);
  const committed = readFileSync(file, 'utf8');
  if (committed === actual) return;
  const was = new Set(committed.split('\n'));
  const is = new Set(actual.split('\n'));
  const changed = [...[...was].filter((line) => !is.has(line)).map((line) => `- ${line}`), ...[...is].filter((line) => !was.has(line)).map((line) => `+ ${line}`)];
  throw new Error(`${what} changed. Review it, then run UPDATE_SNAPSHOTS=1 ${regenerate} and commit ${name}:\n${changed.join('\n')}`);
}
