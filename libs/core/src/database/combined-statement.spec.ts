import { CombinedStatement, StatementResult } from './combined-statement';
import type { Transaction } from './transaction';
import { workspaceIdOf } from './workspace-id';

const WS = workspaceIdOf('6f1c2a4e-0b7d-4c1e-9f3a-2d5e8b7c6a10');

describe('CombinedStatement', () => {
  it('binds its workspace as $1 and numbers the other placeholders across parts, with their casts', () => {
    const statement = new CombinedStatement(WS);
    statement.with('first_part', `INSERT INTO a (w, x) SELECT ${statement.workspace}, unnest(${statement.param([1, 2], 'int[]')})`);
    statement.with('second_part', `INSERT INTO b (w, y) VALUES (${statement.workspace}, ${statement.param('y')})`);
    expect(statement.sql).toContain('INSERT INTO a (w, x) SELECT $1::uuid, unnest($2::int[])');
    expect(statement.sql).toContain('INSERT INTO b (w, y) VALUES ($1::uuid, $3)');
    expect(statement.params).toEqual([WS, [1, 2], 'y']);
  });

  it('cannot be made without a workspace id', () => {
    expect(() => new CombinedStatement('' as never)).toThrow('Not a workspace id');
    expect(() => new CombinedStatement(undefined as never)).toThrow('Not a workspace id');
  });

  it('makes one WITH of the parts and one row of JSON arrays of the outputs', () => {
    const statement = new CombinedStatement(WS);
    statement.with('added', 'INSERT INTO a VALUES (1) RETURNING id');
    statement.output('added_ids', 'SELECT id FROM added');
    expect(statement.sql).toBe(
      'WITH added AS (INSERT INTO a VALUES (1) RETURNING id)\nSELECT (SELECT json_agg(r) FROM (SELECT id FROM added) r) AS "added_ids"',
    );
  });

  it('is still a statement with writes and no outputs', () => {
    const statement = new CombinedStatement(WS);
    statement.with('added', 'INSERT INTO a VALUES (1)');
    expect(statement.sql).toBe('WITH added AS (INSERT INTO a VALUES (1))\nSELECT NULL AS "none"');
  });

  it('refuses a part name used twice or one that is not a plain identifier', () => {
    const statement = new CombinedStatement(WS);
    statement.with('added', 'SELECT 1');
    expect(() => statement.output('added', 'SELECT 1')).toThrow('added twice');
    expect(() => statement.with('bad name', 'SELECT 1')).toThrow('Invalid statement part name');
  });

  it('sends nothing when no part was added', async () => {
    const sent: string[] = [];
    const tx = { prepared: async (_name: string, text: string) => (sent.push(text), []) } as unknown as Transaction;
    await expect(new CombinedStatement(WS).run(tx)).resolves.toEqual(new StatementResult({}));
    const one = new CombinedStatement(WS);
    one.with('added', `INSERT INTO a VALUES (${one.workspace})`);
    await one.run(tx);
    expect(sent).toEqual([one.sql]);
  });

  it('reads an output that matched no rows as an empty list', () => {
    const statement = new CombinedStatement(WS);
    const ids = statement.output<{ id: number }>('ids', 'SELECT 1 AS id WHERE false');
    expect(new StatementResult({ ids: null }).rows(ids)).toEqual([]);
    expect(new StatementResult({ ids: [{ id: 1 }] }).rows(ids)).toEqual([{ id: 1 }]);
  });
});
