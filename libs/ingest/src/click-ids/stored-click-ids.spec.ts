import { fromStoredClickIds, identityClickIdsWrites } from './stored-click-ids';

describe('identityClickIdsWrites', () => {
  it('puts each identity\'s changed kinds in one entry, with the oldest of their captures', () => {
    expect(
      identityClickIdsWrites([
        { identity: 'email:h', kind: 'ttclid', value: 'E.C.P.a', capturedAt: 200 },
        { identity: 'anon:v1', kind: 'ttclid', value: 'E.C.P.a', capturedAt: 200 },
        { identity: 'email:h', kind: 'fkclid', value: 'FK-1', capturedAt: 150 },
        { identity: 'anon:v1', kind: 'ttp', value: 'p', capturedAt: 300 },
      ]),
    ).toEqual([
      { identity: 'anon:v1', ids: { ttclid: ['E.C.P.a', 200], ttp: ['p', 300] }, oldestCapturedAt: 200 },
      { identity: 'email:h', ids: { ttclid: ['E.C.P.a', 200], fkclid: ['FK-1', 150] }, oldestCapturedAt: 150 },
    ]);
  });

  it('orders identities by code unit, the same order in every batch', () => {
    const identities = ['phone:b', 'anon:Z', 'anon:a', 'email:a', 'anon:Z1'];
    const writes = identityClickIdsWrites(identities.map((identity) => ({ identity, kind: 'ttp', value: 'p', capturedAt: 1 })));
    expect(writes.map((write) => write.identity)).toEqual(['anon:Z', 'anon:Z1', 'anon:a', 'email:a', 'phone:b']);
    expect(identityClickIdsWrites([])).toEqual([]);
  });
});

describe('fromStoredClickIds', () => {
  it('reads every kind of a stored row, whichever platform declared it', () => {
    expect(fromStoredClickIds({ ttclid: ['E.C.P.a', 200], fkclid: ['FK-1', 150] })).toEqual({
      ttclid: { value: 'E.C.P.a', capturedAt: 200 },
      fkclid: { value: 'FK-1', capturedAt: 150 },
    });
    expect(fromStoredClickIds({})).toEqual({});
  });
});
