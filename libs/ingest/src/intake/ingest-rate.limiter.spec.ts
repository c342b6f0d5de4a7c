import { IngestRateLimiter } from './ingest-rate.limiter';

describe('IngestRateLimiter', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 10_000;
  });

  it('allows a burst, then refuses with Retry-After, then refills', () => {
    const limiter = new IngestRateLimiter(2, 3, clock);
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 500;
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
  });

  it('keeps keys apart', () => {
    const limiter = new IngestRateLimiter(1, 1, clock);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('is off with a rate of 0', () => {
    const limiter = new IngestRateLimiter(0, 0, clock);
    expect(limiter.take('k').allowed).toBe(true);
  });
});
