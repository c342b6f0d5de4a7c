import { probeWithin } from './probe-within';

describe('probeWithin', () => {
  it('answers with the probe when it is in time', async () => {
    await expect(probeWithin(async () => 'PONG', 100)).resolves.toBe('PONG');
  });

  it('fails with the probe', async () => {
    await expect(probeWithin(() => Promise.reject(new Error('ECONNREFUSED')), 100)).rejects.toThrow('ECONNREFUSED');
  });

  it('fails when the probe never answers', async () => {
    await expect(probeWithin(() => new Promise(() => undefined), 20)).rejects.toThrow('no answer within 20 ms');
  });
});
