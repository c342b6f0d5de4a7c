import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(path) ? [path] : [];
  });
}

// The table-to-owner map is the one in docs/architecture.md (rows like "| `events` | `events` |"),
// so the documentation and this check cannot drift apart.
function documentedOwners(): Map<string, string> {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Who owns which table'));
  return new Map([...section.matchAll(/^\| `([a-z_]+)` \| `([a-z-]+)` \|/gm)].map((m) => [m[1], m[2]]));
}

// The documented exceptions: a repository of another lib that reads the table in a statement of
// its own ("| `events` | `libs/…/x.repository.ts` | why |" under "Read by another lib").
function documentedReaders(): Map<string, Set<string>> {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const start = doc.indexOf('### Read by another lib');
  const section = doc.slice(start, doc.indexOf('\n## ', start));
  const readers = new Map<string, Set<string>>();
  for (const [, table, file] of section.matchAll(/^\| `([a-z_]+)` \| `([\w/.-]+\.repository\.ts)` \|/gm)) {
    readers.set(table, (readers.get(table) ?? new Set()).add(file));
  }
  return readers;
}

const migrationText = files(join(ROOT, 'migrations'), (p) => p.endsWith('.ts')).map((p) => readFileSync(p, 'utf8')).join('\n');
const tables = [...new Set([...migrationText.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]))].sort();
const sources = ['libs', 'apps'].flatMap((dir) => files(join(ROOT, dir), (p) => p.endsWith('.ts') && !p.endsWith('.spec.ts')));
const sqlOf = (table: string) => new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+${table}\\b`);

// Each table has one owning lib, and only that lib's repository files (*.repository.ts) hold SQL
// for it; every other lib goes through the owner's exported service or repository, except the
// reads docs/architecture.md lists, which may not write.
describe('table owners', () => {
  const owners = documentedOwners();
  const readers = documentedReaders();

  it('every table a migration creates has an owner in docs/architecture.md', () => {
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((table) => !owners.has(table))).toEqual([]);
  });

  it.each(tables)('only the owner lib repositories hold SQL for %s', (table) => {
    const owner = owners.get(table);
    const ownerDir = join(ROOT, 'libs', owner ?? '?', 'src') + sep;
    const offenders = sources
      .filter((file) => sqlOf(table).test(readFileSync(file, 'utf8')))
      .filter((file) => !(file.startsWith(ownerDir) && file.endsWith('.repository.ts')))
      .map((file) => relative(ROOT, file))
      .filter((file) => !readers.get(table)?.has(file));
    expect(offenders).toEqual([]);
  });

  it.each([...readers].flatMap(([table, files]) => [...files].map((file) => [table, file])))(
    'the documented reader of %s, %s, reads it and never writes it',
    (table, file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(sqlOf(table).test(text)).toBe(true);
      expect(new RegExp(`\\b(INSERT INTO|UPDATE|DELETE FROM|TRUNCATE|ALTER TABLE)\\s+${table}\\b`).test(text)).toBe(false);
    },
  );
});
