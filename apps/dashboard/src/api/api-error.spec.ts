import { apiErrorFrom, networkError } from './api-error';

describe('apiErrorFrom', () => {
  it("keeps the message, the failing fields and the platform's answer", () => {
    const error = apiErrorFrom(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'This access token cannot send events to pixel PX1: TikTok said "Access token is invalid" (code 40001)',
      details: { code: 'credentials_rejected', platformCode: 40001, platformMessage: 'Access token is invalid', httpStatus: 200 },
    });
    expect(error).toMatchObject({ status: 422, code: 'credentials_rejected', platformAnswer: { code: 40001, message: 'Access token is invalid' } });
    expect(error.message).toContain('TikTok said');

    const invalid = apiErrorFrom(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'email must be a valid email address',
      details: { fields: [{ field: 'email', message: 'email must be a valid email address' }] },
    });
    expect(invalid.fields).toEqual([{ field: 'email', message: 'email must be a valid email address' }]);
    expect(invalid.platformAnswer).toBeUndefined();
  });

  it('says something useful for a body that is not the error shape', () => {
    expect(apiErrorFrom(502, '<html>Bad gateway</html>').message).toBe('TrackLayer answered HTTP 502 without an explanation');
    expect(apiErrorFrom(500, null).fields).toEqual([]);
    expect(networkError(new TypeError('Failed to fetch')).message).toMatch(/^Could not reach TrackLayer \(Failed to fetch\)/);
  });
});
