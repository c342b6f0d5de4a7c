import { DomainError } from '@app/core';
import { storeFailure } from './store-failure.mapper';

describe('storeFailure', () => {
  it('answers a data exception as bad input', () => {
    expect(storeFailure(Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }))).toMatchObject({
      kind: 'bad_request',
      code: 'unstorable_value',
    });
  });

  it('answers anything else as a store outage to retry', () => {
    const failure = storeFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(failure).toMatchObject({ kind: 'unavailable', code: 'store_unavailable', details: { retryAfterSeconds: 5 } });
    expect(storeFailure(new Error('Connection terminated unexpectedly'))).toMatchObject({ kind: 'unavailable' });
  });

  it('keeps domain errors as they are', () => {
    const error = new DomainError('rate_limited', 'rate_limited', 'slow down');
    expect(storeFailure(error)).toBe(error);
  });
});
