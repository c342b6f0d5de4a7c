import { coveringSpans, seriesGranularity } from './metrics-range';

const t = (iso: string) => new Date(iso);
const describeSpans = (from: string, to: string) =>
  coveringSpans(t(from), t(to)).map((s) => `${s.granularity} ${s.from.toISOString().slice(0, 16)}..${s.to.toISOString().slice(0, 16)}`);

describe('coveringSpans', () => {
  it('uses minutes only inside one hour', () => {
    expect(describeSpans('2026-11-25T10:05:00Z', '2026-11-25T10:45:30Z')).toEqual(['minute 2026-11-25T10:05..2026-11-25T10:45']);
  });

  it('uses days in the middle, hours beside them and minutes at the edges', () => {
    expect(describeSpans('2026-11-20T22:30:00Z', '2026-11-25T10:15:00Z')).toEqual([
      'minute 2026-11-20T22:30..2026-11-20T23:00',
      'hour 2026-11-20T23:00..2026-11-21T00:00',
      'day 2026-11-21T00:00..2026-11-25T00:00',
      'hour 2026-11-25T00:00..2026-11-25T10:00',
      'minute 2026-11-25T10:00..2026-11-25T10:15',
    ]);
  });

  it('covers the range exactly, without gaps or overlaps', () => {
    const spans = coveringSpans(t('2026-10-01T07:13:00Z'), t('2026-10-31T19:47:00Z'));
    for (let i = 1; i < spans.length; i++) expect(spans[i].from.getTime()).toBe(spans[i - 1].to.getTime());
    expect(spans[0].from.toISOString()).toBe('2026-10-01T07:13:00.000Z');
    expect(spans[spans.length - 1].to.toISOString()).toBe('2026-10-31T19:47:00.000Z');
  });

  it('is empty for an empty range', () => {
    expect(coveringSpans(t('2026-11-25T10:00:00Z'), t('2026-11-25T10:00:30Z'))).toEqual([]);
  });
});

describe('seriesGranularity', () => {
  it('picks minutes, hours or days by range', () => {
    expect(seriesGranularity(t('2026-11-25T00:00:00Z'), t('2026-11-25T06:00:00Z'))).toBe('minute');
    expect(seriesGranularity(t('2026-11-24T00:00:00Z'), t('2026-11-25T00:00:00Z'))).toBe('hour');
    expect(seriesGranularity(t('2026-10-25T00:00:00Z'), t('2026-11-25T00:00:00Z'))).toBe('day');
  });
});
