import { Client } from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tracklayer';

// Every test run gets its own databases, named after the run, so parallel runs never collide.
export function runId(): string {
  const id = process.env.TRACKLAYER_TEST_RUN_ID;
  if (!id) throw new Error('TRACKLAYER_TEST_RUN_ID is not set; run the e2e tests through jest (globalSetup sets it)');
  return id;
}

export function databaseUrlFor(name: string): string {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function templateDatabaseName(id = runId()): string {
  return `tl_test_${id}_tpl`;
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabaseFromTemplate(name: string): Promise<string> {
  const template = templateDatabaseName();
  await withAdminClient(async (client) => {
    // Two CREATE DATABASE ... TEMPLATE at the same instant may find the template "in use"; retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String((error as Error).message).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return databaseUrlFor(name);
}

export async function dropRunDatabases(id: string): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `tl_test_${id}_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

// One statement (or several, separated by semicolons) on its own connection to `url`: how the
// migration tests read and write a database between migrations, with no app around it.
export function oneShotQuery(url: string): <T>(text: string) => Promise<T[]> {
  return async <T>(text: string): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  };
}
