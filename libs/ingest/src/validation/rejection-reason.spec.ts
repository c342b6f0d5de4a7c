import { REJECTION_REASONS } from './rejection-reason';

describe('REJECTION_REASONS', () => {
  it('are unique snake_case codes', () => {
    expect(new Set(REJECTION_REASONS).size).toBe(REJECTION_REASONS.length);
    for (const reason of REJECTION_REASONS) expect(reason).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('include the codes other parts of the pipeline rely on', () => {
    expect(REJECTION_REASONS).toEqual(
      expect.arrayContaining([
        'invalid_json',
        'missing_event',
        'invalid_field',
        'event_too_old',
        'event_in_future',
        'invalid_event_time',
        'batch_too_large',
      ]),
    );
  });
});
