import { createHash } from 'node:crypto';

// What QUEUE_PREFIX defaults to: one queue per database. Two deployments (or two `npm run dev`) on
// one Redis with different databases then never take each other's jobs: a worker that took a job
// of another database would find none of its rows, and that database's events would wait for its
// own sweeper. The database name, not the whole URL, so an api and a worker that reach the same
// database by different host names (a pooler, a replica's DNS) still share their queue.
export const QUEUE_PREFIX_STEM = 'tracklayer';

const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

export function defaultQueuePrefix(databaseUrl: string): string {
  return `${QUEUE_PREFIX_STEM}:${keySafe(databaseNameOf(databaseUrl))}`;
}

// Postgres connects to the database named like the user when the URL names none.
export function databaseNameOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  if (name !== '') return name;
  return decodeURIComponent(url.username) || 'postgres';
}

// Redis keys take any bytes, but `:` separates BullMQ's parts and `{}` are cluster hash tags, so
// other characters are replaced; a short hash of the real name keeps "a:b" and "a_b" apart.
function keySafe(name: string): string {
  if (SAFE_NAME.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}_${hash}`;
}
