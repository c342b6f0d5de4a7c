import { randomBytes } from 'node:crypto';
import { runMigrations } from '../../libs/core/src/database/migration.runner';
import { databaseUrlFor, dropRunDatabases, templateDatabaseName, withAdminClient } from './test-databases';

// Migrates one template database per run with the real migrations; each test file then clones
// it (CREATE DATABASE ... TEMPLATE), which takes milliseconds instead of re-running migrations.
export default async function globalSetup(): Promise<void> {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.TRACKLAYER_TEST_RUN_ID = id;
  await dropRunDatabases(id);
  const template = templateDatabaseName(id);
  await withAdminClient((client) => client.query(`CREATE DATABASE "${template}"`));
  await runMigrations(databaseUrlFor(template));
}
