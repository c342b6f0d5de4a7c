import { ConnectorRateLimiter } from './connector-rate.limiter';

describe('ConnectorRateLimiter', () => {
  it('spaces one connector\'s requests and leaves others alone', () => {
    let now = 1000;
    const limiter = new ConnectorRateLimiter(10, () => now);
    expect(limiter.reserve('a')).toBe(0);
    expect(limiter.reserve('a')).toBe(100);
    expect(limiter.reserve('a')).toBe(200);
    expect(limiter.reserve('b')).toBe(0);
    now += 1000;
    expect(limiter.reserve('a')).toBe(0);
  });
});
