import { findUnscopedRelations, loadSqlParser } from './workspace-scope.checker';

const OWNED = new Map([
  ['deliveries', 'workspace_id'],
  ['events', 'workspace_id'],
  ['connectors', 'workspace_id'],
  ['memberships', 'workspace_id'],
  ['workspaces', 'id'],
]);
const unscoped = (sql: string) => findUnscopedRelations(sql, OWNED).map((v) => `${v.table} ${v.alias}`);

describe('findUnscopedRelations', () => {
  beforeAll(loadSqlParser);

  it('accepts reads, updates and deletes with the workspace bound as $1', () => {
    expect(unscoped('SELECT id FROM events WHERE workspace_id = $1 AND id = ANY($2::uuid[])')).toEqual([]);
    expect(unscoped('SELECT e.id FROM events e WHERE e.workspace_id = $1::uuid')).toEqual([]);
    expect(unscoped('UPDATE deliveries d SET attempts = 1 FROM unnest($2::bigint[]) AS r(id) WHERE d.id = r.id AND d.workspace_id = $1')).toEqual([]);
    expect(unscoped('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2')).toEqual([]);
    expect(unscoped('UPDATE workspaces SET name = $2 WHERE id = $1')).toEqual([]);
  });

  it('finds a table read without the workspace condition, or with a condition that is not $1', () => {
    expect(unscoped('SELECT id FROM events WHERE id = $1')).toEqual(['events events']);
    expect(unscoped('SELECT id FROM events WHERE workspace_id = $2')).toEqual(['events events']);
    expect(unscoped('SELECT id FROM events WHERE workspace_id = ANY($1::uuid[])')).toEqual(['events events']);
    expect(unscoped("SELECT count(*) FROM deliveries WHERE status = 'pending'")).toEqual(['deliveries deliveries']);
    expect(unscoped('DELETE FROM connectors WHERE id = $2')).toEqual(['connectors connectors']);
  });

  it('does not accept a workspace condition under OR', () => {
    expect(unscoped('SELECT id FROM events WHERE workspace_id = $1 OR id = $2')).toEqual(['events events']);
  });

  it('checks every relation of a join, accepting one scoped through another scoped relation', () => {
    expect(unscoped('SELECT d.id FROM deliveries d JOIN events e ON e.id = d.event_ref WHERE d.workspace_id = $1')).toEqual(['events e']);
    expect(unscoped('SELECT d.id FROM deliveries d JOIN events e ON e.id = d.event_ref AND e.workspace_id = d.workspace_id WHERE d.workspace_id = $1')).toEqual(
      [],
    );
    expect(unscoped('SELECT d.id FROM deliveries d JOIN connectors c ON c.id = d.connector_id AND c.workspace_id = $1 WHERE d.id = $2')).toEqual([
      'deliveries d',
    ]);
  });

  it('checks subqueries, CTEs and set operations, and skips CTE names and tables no workspace owns', () => {
    expect(unscoped('SELECT 1 FROM users WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id)')).toEqual(['memberships m']);
    expect(unscoped('WITH claimed AS (SELECT id FROM deliveries WHERE workspace_id = $1) SELECT id FROM claimed')).toEqual([]);
    expect(unscoped('WITH gone AS (DELETE FROM events RETURNING id) SELECT id FROM gone')).toEqual(['events events']);
    expect(unscoped('SELECT id FROM events WHERE workspace_id = $1 UNION SELECT id FROM events')).toEqual(['events events']);
    expect(unscoped('SELECT id, email FROM users WHERE email = $1')).toEqual([]);
  });

  it('accepts inserts that give the workspace column $1, and checks the SELECT feeding one', () => {
    expect(unscoped('INSERT INTO events (id, workspace_id) VALUES ($2, $1)')).toEqual([]);
    expect(unscoped('INSERT INTO events (id, workspace_id) VALUES ($2, $1::uuid), ($3, $1)')).toEqual([]);
    expect(unscoped('INSERT INTO events (id, workspace_id) SELECT e.id, $1::uuid FROM unnest($2::uuid[]) AS e(id)')).toEqual([]);
    expect(unscoped('INSERT INTO workspaces (name, slug) VALUES ($1, $2)')).toEqual([]);
    expect(unscoped('INSERT INTO deliveries (workspace_id, connector_id) SELECT $1, c.id FROM connectors c')).toEqual(['connectors c']);
  });

  it('finds an insert that writes another value into the workspace column', () => {
    expect(unscoped('INSERT INTO events (id, workspace_id) VALUES ($1, $2)')).toEqual(['events events']);
    expect(unscoped('INSERT INTO events (id, workspace_id) VALUES ($2, $1), ($3, $4)')).toEqual(['events events']);
    expect(unscoped('INSERT INTO deliveries (workspace_id, connector_id) SELECT c.workspace_id, c.id FROM connectors c WHERE c.workspace_id = $1')).toEqual([
      'deliveries deliveries',
    ]);
  });

  it('lets a named cross-workspace query through, and no other tag', () => {
    expect(unscoped("/* cross-workspace: delivery-sweep */ SELECT 1 FROM deliveries WHERE status = 'pending'")).toEqual([]);
    expect(unscoped("/* cross-workspace: anything-goes */ SELECT 1 FROM deliveries WHERE status = 'pending'")).toEqual([
      'deliveries deliveries',
    ]);
  });
});
