import { postgresArrayLiteral } from './array-literal';

// node-postgres's own encoder, the reference: its utils module has no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

describe('postgresArrayLiteral', () => {
  it.each([
    [['a', 'b']],
    [[]],
    [['with "quotes"', 'back\\slash', 'both \\"', 'comma, {brace}', 'NULL', '', ' spaced ', 'ünï\u{1F600}']],
    [[1, 2.5, -3, 1e21, 0]],
    [[true, false]],
    [['a', null, undefined, 'b']],
  ])('is the text node-postgres writes for %j', (items) => {
    expect(postgresArrayLiteral(items)).toBe(prepareValue(items));
  });

  it('leaves what is not a string, number, boolean or null to node-postgres', () => {
    expect(postgresArrayLiteral([new Date(0)])).toBeUndefined();
    expect(postgresArrayLiteral([['nested']])).toBeUndefined();
    expect(postgresArrayLiteral([{ a: 1 }])).toBeUndefined();
  });
});
