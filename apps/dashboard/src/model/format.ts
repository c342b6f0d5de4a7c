// Numbers and times in the dashboard, the same everywhere.

export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  if (share > 0 && share < 0.001) return '< 0.1%';
  return `${(share * 100).toFixed(share === 1 || share === 0 ? 0 : 1)}%`;
}

export function count(value: number): string {
  return new Intl.NumberFormat('en').format(value);
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function dateTime(value: string | Date | null | undefined): string {
  if (!value) return 'never';
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? String(value) : DATE_TIME.format(date);
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
