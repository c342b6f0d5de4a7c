import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { CrossWorkspaceQuery } from './cross-workspace-queries';
import { isReplanPoint } from './prepared-plans';
import { ObservedStatement, Queryable, StatementObserver, StatementOutcome } from './queryable';
import { SqlQueries } from './sql-queries';
import { SqlSession } from './sql-session';
import { Transaction } from './transaction';
import { WorkspaceId } from './workspace-id';

export interface DatabaseOptions {
  url: string;
  // Connections in the pool; every process of TrackLayer takes at most this many.
  max?: number;
  applicationName?: string;
}

const STARTUP_ATTEMPTS = 3;
const STARTUP_RETRY_MS = 1000;

// The one way to Postgres: one node-postgres pool per process, plain statements on it, and
// transactions on a client taken from it. No ORM at run time: TypeORM's query runner cost the
// ingest path more CPU than its statements (BEGIN/COMMIT bookkeeping, events, logging), and its
// entities let a query go out without the workspace condition. TypeORM only runs migrations.
export class Database implements SqlSession, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(Database.name);
  private readonly pool: Pool;
  private readonly queries: SqlQueries;
  private readonly observers = new Set<StatementObserver>();
  private readonly preparedExecutions = new WeakMap<PoolClient, number>();

  constructor(options: DatabaseOptions) {
    this.pool = new Pool({ connectionString: options.url, max: options.max ?? 20, application_name: options.applicationName ?? 'tracklayer' });
    // An idle client whose connection broke (Postgres restarted) is dropped by the pool and
    // replaced on the next checkout; without a listener the error would crash the process.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'An idle Postgres connection failed; the pool replaces it'));
    this.queries = new SqlQueries((text, values) => this.send(this.pool, text, values));
  }

  // Fails the start-up, as the ORM did, when Postgres cannot be reached at all.
  async onModuleInit(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.one('SELECT 1');
        return;
      } catch (error) {
        if (attempt >= STARTUP_ATTEMPTS) throw error;
        this.logger.warn({ err: error }, `Postgres did not answer (attempt ${attempt} of ${STARTUP_ATTEMPTS}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, STARTUP_RETRY_MS));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  close(): Promise<void> {
    return this.pool.ended ? Promise.resolve() : this.pool.end();
  }

  forWorkspace(workspaceId: WorkspaceId): Queryable {
    return this.queries.forWorkspace(workspaceId);
  }

  acrossWorkspaces(name: CrossWorkspaceQuery): Queryable {
    return this.queries.acrossWorkspaces(name);
  }

  many<T>(text: string, values?: readonly unknown[]): Promise<T[]> {
    return this.queries.many<T>(text, values);
  }

  one<T>(text: string, values?: readonly unknown[]): Promise<T | undefined> {
    return this.queries.one<T>(text, values);
  }

  execute(text: string, values?: readonly unknown[]): Promise<number> {
    return this.queries.execute(text, values);
  }

  // BEGIN, the work, COMMIT; ROLLBACK and rethrow when the work fails. A client whose ROLLBACK
  // failed is in an unknown state, so the pool discards it rather than handing it out again.
  // `lockTimeoutMs` bounds each lock wait of the transaction (SET LOCAL lock_timeout, sent with
  // BEGIN in one round trip): for a transaction that its caller's other open transaction waits on,
  // a wait Postgres cannot see and so never breaks as a deadlock.
  async transaction<T>(work: (tx: Transaction) => Promise<T>, options: { lockTimeoutMs?: number } = {}): Promise<T> {
    const client = await this.pool.connect();
    const lost = new AbortController();
    const tx = new Transaction((text, values, name) => this.send(client, text, values, name), lost.signal);
    let broken: Error | undefined;
    // The pool listens for errors of idle clients only: a connection that dies while checked out
    // (Postgres restarted, the backend terminated) emits 'error', which would crash the process
    // with nobody listening. The failing query rejects on its own; the client is discarded.
    const onConnectionError = (error: Error) => {
      broken = error;
      lost.abort(error);
    };
    const onConnectionEnd = () => lost.abort(new Error('The database connection ended'));
    client.on('error', onConnectionError);
    client.on('end', onConnectionEnd);
    try {
      await tx.execute(options.lockTimeoutMs === undefined ? 'BEGIN' : `BEGIN; SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(options.lockTimeoutMs))}`);
      const result = await work(tx);
      await tx.execute('COMMIT');
      return result;
    } catch (error) {
      await tx.execute('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.off('end', onConnectionEnd);
      client.release(broken);
    }
  }

  // For tests only: sees every statement this pool sends, until the returned function is called.
  observe(observer: StatementObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private async send(target: Pool | PoolClient, text: string, values: readonly unknown[], name?: string): Promise<StatementOutcome> {
    if (name && target !== this.pool) await this.replanWhenDue(target as PoolClient);
    if (this.observers.size > 0) this.notify({ text, values });
    const result = name
      ? await target.query({ name, text, values: values as unknown[] })
      : await target.query(text, values as unknown[]);
    return { rows: result.rows, rowCount: result.rowCount };
  }

  // Each connection drops its cached plans at its 100th, 1,000th, 10,000th... prepared execution.
  private async replanWhenDue(client: PoolClient): Promise<void> {
    const executions = (this.preparedExecutions.get(client) ?? 0) + 1;
    this.preparedExecutions.set(client, executions);
    if (!isReplanPoint(executions)) return;
    if (this.observers.size > 0) this.notify({ text: 'DISCARD PLANS', values: [] });
    await client.query('DISCARD PLANS');
  }

  private notify(statement: ObservedStatement): void {
    for (const observer of this.observers) observer(statement);
  }
}
