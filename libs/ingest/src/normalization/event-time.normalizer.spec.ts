import { DEFAULT_MAX_EVENT_AGE_SECONDS, normalizeEventTime } from './event-time.normalizer';

// 2025-11-24T16:00:00Z
const NOW = 1_764_000_000;
const DAY = 86_400;

describe('normalizeEventTime', () => {
  it('defaults to the receipt time when absent', () => {
    expect(normalizeEventTime(undefined, NOW)).toEqual({ ok: true, seconds: NOW });
    expect(normalizeEventTime(null, NOW)).toEqual({ ok: true, seconds: NOW });
  });

  it('reads Unix seconds and milliseconds, as numbers or numeric strings', () => {
    expect(normalizeEventTime(NOW - 60, NOW)).toEqual({ ok: true, seconds: NOW - 60 });
    expect(normalizeEventTime((NOW - 60) * 1000 + 999, NOW)).toEqual({ ok: true, seconds: NOW - 60 });
    expect(normalizeEventTime(`${NOW - 60}`, NOW)).toEqual({ ok: true, seconds: NOW - 60 });
    expect(normalizeEventTime(` ${(NOW - 60) * 1000} `, NOW)).toEqual({ ok: true, seconds: NOW - 60 });
    expect(normalizeEventTime(NOW - 60.7, NOW)).toEqual({ ok: true, seconds: NOW - 61 });
    expect(normalizeEventTime(`${NOW - 60}.5`, NOW)).toEqual({ ok: true, seconds: NOW - 60 });
  });

  it('reads ISO 8601 with Z, with an offset, and without one as UTC', () => {
    expect(normalizeEventTime('2025-11-24T16:00:00Z', NOW)).toEqual({ ok: true, seconds: NOW });
    expect(normalizeEventTime('2025-11-24T15:59:00.123Z', NOW)).toEqual({ ok: true, seconds: NOW - 60 });
    expect(normalizeEventTime('2025-11-24T18:00:00+02:00', NOW)).toEqual({ ok: true, seconds: NOW });
    expect(normalizeEventTime('2025-11-24T11:00:00-0500', NOW)).toEqual({ ok: true, seconds: NOW });
    expect(normalizeEventTime('2025-11-24T21:30:00+05:30', NOW)).toEqual({ ok: true, seconds: NOW });
    expect(normalizeEventTime('2025-11-24 16:00:00', NOW)).toEqual({ ok: true, seconds: NOW });
    expect(normalizeEventTime('2025-11-24T16:00', NOW)).toEqual({ ok: true, seconds: NOW });
    expect(normalizeEventTime('2025-11-24', NOW)).toEqual({ ok: true, seconds: NOW - 16 * 3600 });
  });

  it('rejects what is not a time', () => {
    for (const value of ['', 'yesterday', 'Mon, 24 Nov 2025 16:00:00 GMT', '2025-13-01T00:00:00Z', '2025-02-29T00:00:00Z',
      '2025-11-31T00:00:00Z', '2025-11-24T24:00:00Z', '2025-11-24T16:00:00+25:00', '-5', '1e9', 0, -1, Number.NaN, Infinity]) {
      expect(normalizeEventTime(value, NOW)).toEqual({ ok: false, reason: 'invalid_event_time', message: expect.any(String) });
    }
    expect(normalizeEventTime('2024-02-29T00:00:00Z', 1_709_200_000)).toEqual({ ok: true, seconds: 1_709_164_800 });
  });

  it('rejects events older than the maximum age, the boundary itself included as accepted', () => {
    expect(normalizeEventTime(NOW - DEFAULT_MAX_EVENT_AGE_SECONDS, NOW)).toEqual({ ok: true, seconds: NOW - 7 * DAY });
    expect(normalizeEventTime(NOW - DEFAULT_MAX_EVENT_AGE_SECONDS - 1, NOW)).toEqual({
      ok: false,
      reason: 'event_too_old',
      message: expect.stringContaining('7 days'),
    });
    expect(normalizeEventTime(NOW - DAY - 1, NOW, DAY)).toEqual({
      ok: false,
      reason: 'event_too_old',
      message: expect.stringContaining('1 day'),
    });
    expect(normalizeEventTime(NOW - 2 * DAY, NOW, 28 * DAY)).toEqual({ ok: true, seconds: NOW - 2 * DAY });
  });

  it('rejects events more than 10 minutes in the future', () => {
    expect(normalizeEventTime(NOW + 600, NOW)).toEqual({ ok: true, seconds: NOW + 600 });
    expect(normalizeEventTime(NOW + 601, NOW)).toEqual({ ok: false, reason: 'event_in_future', message: expect.any(String) });
    // Microseconds read as milliseconds land far in the future rather than silently wrong.
    expect(normalizeEventTime(NOW * 1_000_000, NOW)).toMatchObject({ ok: false, reason: 'event_in_future' });
  });
});
