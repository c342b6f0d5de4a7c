import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = ['libs', 'apps'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
const ownedEntities = files
  .filter((file) => file.endsWith('.entity.ts'))
  .flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const name = /export class (\w+)/.exec(text)?.[1];
    return name && /\bworkspaceId\s*[:!?]/.test(text) ? [name] : [];
  });

// Workspace-owned rows are reached only through WorkspaceScopedRepository, whose every method
// takes the workspace id first. A plain TypeORM repository for them would allow unscoped queries.
describe('workspace scoping', () => {
  it('finds the workspace-owned entities', () => {
    expect(ownedEntities).toEqual(expect.arrayContaining(['Membership', 'IngestKey']));
  });

  it.each(ownedEntities)('%s is never given a plain repository', (entity) => {
    const offenders = files
      .filter((file) => !file.includes(join('libs', 'core', 'src', 'database')))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return (
          new RegExp(`InjectRepository\\(\\s*${entity}\\s*\\)`).test(text) ||
          new RegExp(`getRepository(<[^>]*>)?\\(\\s*${entity}\\s*\\)`).test(text) ||
          new RegExp(`TypeOrmModule\\.forFeature\\([^)]*\\b${entity}\\b`).test(text)
        );
      })
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
