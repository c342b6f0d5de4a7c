import { loadAppConfig } from '../config/load-app-config';
import { ensureDatabaseExists, revertLastMigration, runMigrations } from './migration.runner';

// `npm run migrate` (and `npm run migrate -- --revert`): creates the database when missing,
// then applies pending migrations; running it again is a no-op.
async function main(): Promise<void> {
  const config = loadAppConfig();
  const safeUrl = config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  if (process.argv.includes('--revert')) {
    await revertLastMigration(config.databaseUrl);
    console.log(`Reverted the last migration on ${safeUrl}`);
    return;
  }
  if (await ensureDatabaseExists(config.databaseUrl)) console.log(`Created database ${safeUrl}`);
  const applied = await runMigrations(config.databaseUrl);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
