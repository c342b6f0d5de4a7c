import { DatabaseError } from 'pg';
import { classifyDatabaseFailure } from './database-failure.classifier';

function pgError(code: string): DatabaseError {
  const error = new DatabaseError('refused', 0, 'error');
  error.code = code;
  error.severity = 'ERROR';
  return error;
}

describe('classifyDatabaseFailure', () => {
  it.each([
    ['22P05', 'data'], // unsupported Unicode escape in jsonb
    ['22021', 'data'], // invalid byte sequence (NUL in text)
    ['54000', 'data'], // program limit (an index row too large)
    ['23514', 'data'], // check constraint
    ['23503', 'references_gone'],
    ['40P01', 'conflict'],
    ['40001', 'conflict'],
    ['57P01', 'unavailable'], // admin shutdown
    ['53300', 'unavailable'], // too many connections
    ['53100', 'unavailable'], // disk full
    ['08006', 'unavailable'],
    ['55000', 'unavailable'], // database not accepting connections
    ['3D000', 'unavailable'],
    ['42P01', 'unknown'], // a missing table is our bug, not the data's nor an outage
    ['P0001', 'unknown'],
  ])('SQLSTATE %s is %s', (code, kind) => {
    expect(classifyDatabaseFailure(pgError(code))).toBe(kind);
  });

  it('treats lost connections and pool timeouts as an outage', () => {
    expect(classifyDatabaseFailure(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(classifyDatabaseFailure(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(classifyDatabaseFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
  });

  it('isolates programming errors on unexpected values, and leaves anything else unknown', () => {
    expect(classifyDatabaseFailure(new TypeError('Do not know how to serialize a BigInt'))).toBe('data');
    expect(classifyDatabaseFailure(new RangeError('Invalid string length'))).toBe('data');
    expect(classifyDatabaseFailure(new Error('CurrentWorkspace used on a route without :workspaceId'))).toBe('unknown');
    expect(classifyDatabaseFailure('a string')).toBe('unknown');
    expect(classifyDatabaseFailure(undefined)).toBe('unknown');
  });
});
