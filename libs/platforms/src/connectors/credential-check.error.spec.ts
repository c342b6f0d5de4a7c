import { credentialCheckError } from './credential-check.error';

describe('credentialCheckError', () => {
  it('is nothing for valid credentials', () => {
    expect(credentialCheckError({ outcome: 'valid', platformMessage: 'OK', platformCode: 0 }, 'TikTok', 'PX1')).toBeUndefined();
  });

  it('is a 422 naming the pixel and quoting the platform for rejected credentials', () => {
    const error = credentialCheckError({ outcome: 'rejected', platformCode: 40001, platformMessage: 'No permission' }, 'TikTok', 'PX1');
    expect(error?.kind).toBe('platform_rejected');
    expect(error?.message).toBe('This access token cannot send events to pixel PX1: TikTok said "No permission" (code 40001)');
    expect(error?.details).toEqual({ platformCode: 40001, platformMessage: 'No permission', httpStatus: null });
  });

  it('is a 502 when the platform could not be asked', () => {
    const error = credentialCheckError({ outcome: 'unreachable', platformMessage: 'HTTP 500', httpStatus: 500 }, 'TikTok', 'PX1');
    expect(error?.kind).toBe('platform_unavailable');
    expect(error?.message).toContain('nothing was saved');
    expect(error?.details).toMatchObject({ httpStatus: 500, platformCode: null });
  });
});
