import { count, dateTime, percent } from './format';

describe('format', () => {
  it('shows shares as percentages, with a dash for nothing measured', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.1234)).toBe('12.3%');
    expect(percent(0.0004)).toBe('< 0.1%');
    expect(percent(null)).toBe('–');
  });

  it('formats counts and times', () => {
    expect(count(12345)).toBe('12,345');
    expect(dateTime(null)).toBe('never');
    expect(dateTime('2026-11-25T10:20:30Z')).toMatch(/25 Nov 2026/);
    expect(dateTime('garbage')).toBe('garbage');
  });
});
