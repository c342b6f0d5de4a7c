import type { EventEmitter } from 'node:events';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

// The part of a node-postgres client the hot paths use. TypeORM hands the client out untyped.
export interface PgSession {
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

interface PgPoolClient extends PgSession {
  release(error?: Error): void;
  on(event: 'error', listener: (error: Error) => void): void;
  off(event: 'error', listener: (error: Error) => void): void;
}

// The connection of a TypeORM transaction, for statements that run as named prepared statements.
export async function pgSessionOf(manager: EntityManager): Promise<PgSession> {
  const runner = manager.queryRunner as PostgresQueryRunner | undefined;
  if (!runner) throw new Error('pgSessionOf needs the EntityManager of a transaction');
  return (await runner.connect()) as PgSession;
}

// A transaction on a client taken straight from TypeORM's pool: the ingest hot path, where
// TypeORM's query runner (its bookkeeping, events and logging around BEGIN and COMMIT) cost
// more CPU than the statements it wraps. Same pool, so the same connection limit.
export async function inPgTransaction<T>(dataSource: DataSource, work: (session: PgSession) => Promise<T>): Promise<T> {
  const pool = (dataSource.driver as PostgresDriver).master as { connect(): Promise<PgPoolClient> };
  const client = await pool.connect();
  let broken: Error | undefined;
  // The pool listens for errors of idle clients only: a connection that dies while checked out
  // (Postgres restarted, the backend terminated) emits 'error', which would crash the process
  // with nobody listening. The failing query rejects on its own; the client is discarded.
  const onConnectionError = (error: Error) => (broken = error);
  client.on('error', onConnectionError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A client whose ROLLBACK failed is in an unknown state: the pool discards it.
    client.off('error', onConnectionError);
    client.release(broken);
  }
}

export interface ConnectionWatch {
  signal: AbortSignal;
  stop(): void;
}

// Aborts when the connection behind a session ends (the server terminated it, the network
// dropped): a transaction held open across a slow call learns at once that it can no longer commit.
export function watchConnectionLoss(session: PgSession): ConnectionWatch {
  // node-postgres clients are EventEmitters; PgSession only types the part the hot paths query with.
  const client = session as unknown as EventEmitter;
  const controller = new AbortController();
  const lost = (error?: unknown): void => controller.abort(error instanceof Error ? error : new Error('The database connection ended'));
  client.once('error', lost);
  client.once('end', lost);
  return {
    signal: controller.signal,
    stop: () => {
      client.off('error', lost);
      client.off('end', lost);
    },
  };
}
