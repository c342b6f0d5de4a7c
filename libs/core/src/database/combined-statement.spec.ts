import { CombinedStatement, isReplanPoint, StatementResult } from './combined-statement';

describe('CombinedStatement', () => {
  it('numbers placeholders across parts, with their casts', () => {
    const statement = new CombinedStatement();
    const ws = statement.param('w-1', 'uuid');
    statement.with('first_part', `INSERT INTO a (w, x) SELECT ${ws}, unnest(${statement.param([1, 2], 'int[]')})`);
    statement.with('second_part', `INSERT INTO b (w) VALUES (${statement.param('w-1')})`);
    expect(statement.sql).toContain('INSERT INTO a (w, x) SELECT $1::uuid, unnest($2::int[])');
    expect(statement.sql).toContain('INSERT INTO b (w) VALUES ($3)');
    expect(statement.params).toEqual(['w-1', [1, 2], 'w-1']);
  });

  it('makes one WITH of the parts and one row of JSON arrays of the outputs', () => {
    const statement = new CombinedStatement();
    statement.with('added', 'INSERT INTO a VALUES (1) RETURNING id');
    statement.output('added_ids', 'SELECT id FROM added');
    expect(statement.sql).toBe(
      'WITH added AS (INSERT INTO a VALUES (1) RETURNING id)\nSELECT (SELECT json_agg(r) FROM (SELECT id FROM added) r) AS "added_ids"',
    );
  });

  it('is still a statement with writes and no outputs', () => {
    const statement = new CombinedStatement();
    statement.with('added', 'INSERT INTO a VALUES (1)');
    expect(statement.sql).toBe('WITH added AS (INSERT INTO a VALUES (1))\nSELECT NULL AS "none"');
  });

  it('refuses a part name used twice or one that is not a plain identifier', () => {
    const statement = new CombinedStatement();
    statement.with('added', 'SELECT 1');
    expect(() => statement.output('added', 'SELECT 1')).toThrow('added twice');
    expect(() => statement.with('bad name', 'SELECT 1')).toThrow('Invalid statement part name');
  });

  it('reads an output that matched no rows as an empty list', () => {
    const statement = new CombinedStatement();
    const ids = statement.output<{ id: number }>('ids', 'SELECT 1 AS id WHERE false');
    expect(new StatementResult({ ids: null }).rows(ids)).toEqual([]);
    expect(new StatementResult({ ids: [{ id: 1 }] }).rows(ids)).toEqual([{ id: 1 }]);
  });
});

describe('isReplanPoint', () => {
  it('drops cached plans at the 100th, 1,000th, 10,000th... execution only', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => i + 1).filter(isReplanPoint);
    expect(points).toEqual([100, 1_000, 10_000, 100_000]);
  });
});
