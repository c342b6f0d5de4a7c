import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    // Specs may start the platform sandbox app; only the code that ships is checked.
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
const offenders = (dir: string, forbidden: RegExp) =>
  sources(join(ROOT, dir))
    .filter((file) => importsOf(file).some((path) => forbidden.test(path)))
    .map((file) => relative(ROOT, file));

// Each app has its own entry module and composes lib modules; neither app imports the other
// (one process with TRACKLAYER_ROLES=api,worker composes the worker's lib modules, not the app),
// and libs never import an app.
describe('app boundaries', () => {
  it('apps/api does not import apps/worker', () => {
    expect(offenders('apps/api', /(^|\/)worker\/src\b|apps\/worker/)).toEqual([]);
  });

  it('apps/worker does not import apps/api', () => {
    expect(offenders('apps/worker', /(^|\/)api\/src\b|apps\/api/)).toEqual([]);
  });

  // One way to Postgres: our Database. TypeORM only runs the hand-written migrations.
  it('nothing but the migrations and their runner imports TypeORM', () => {
    const typeorm = /^(typeorm|@nestjs\/typeorm)(\/|$)/;
    const runner = ['libs/core/src/database/data-source.options.ts', 'libs/core/src/database/migration.runner.ts'];
    const everywhere = ['libs', 'apps', 'test', 'scripts', 'bench'].flatMap((dir) => offenders(dir, typeorm));
    expect(everywhere.filter((file) => !runner.includes(file))).toEqual([]);
  });

  // Feature modules declare what they use in `imports` (IngestModule lists PlatformsModule and
  // MetricsModule); only the infrastructure every module needs is global.
  it('makes only the config, database and Redis modules @Global()', () => {
    const global = ['libs', 'apps'].flatMap((dir) => sources(join(ROOT, dir))).filter((file) => /@Global\(\)/.test(readFileSync(file, 'utf8')));
    expect(global.map((file) => relative(ROOT, file)).sort()).toEqual([
      'libs/core/src/config/config.module.ts',
      'libs/core/src/database/database.module.ts',
      'libs/core/src/redis/redis.module.ts',
    ]);
  });

  it('libs import no app', () => {
    expect(offenders('libs', /(^|\/)apps\//)).toEqual([]);
  });
});
