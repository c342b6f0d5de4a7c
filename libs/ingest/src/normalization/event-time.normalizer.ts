import type { RejectionReason } from '../validation/rejection-reason';

export const DEFAULT_MAX_EVENT_AGE_SECONDS = 7 * 86_400;
// Covers ordinary clock drift between a customer's servers or browsers and ours.
export const MAX_FUTURE_SKEW_SECONDS = 600;
// 1e11 seconds is the year 5138 and 1e11 milliseconds is 1973, so the two ranges cannot be confused
// for any event worth forwarding.
const MILLISECONDS_FROM = 1e11;

const NUMERIC = /^\d+(?:\.\d+)?$/;
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type EventTimeRejection = Extract<RejectionReason, 'event_too_old' | 'event_in_future' | 'invalid_event_time'>;

export type EventTimeResult =
  | { ok: true; seconds: number }
  | { ok: false; reason: EventTimeRejection; message: string };

// Accepts Unix seconds or milliseconds (number or numeric string) or an ISO 8601 date-time; an
// ISO time without an offset is read as UTC, never as this server's local time.
export function normalizeEventTime(
  value: number | string | null | undefined,
  receivedAt: number,
  maxAgeSeconds: number = DEFAULT_MAX_EVENT_AGE_SECONDS,
): EventTimeResult {
  if (value === undefined || value === null) return { ok: true, seconds: receivedAt };

  const seconds = toUnixSeconds(value);
  if (seconds === undefined) {
    return {
      ok: false,
      reason: 'invalid_event_time',
      message: 'must be Unix seconds, Unix milliseconds or an ISO 8601 date-time',
    };
  }
  if (receivedAt - seconds > maxAgeSeconds) {
    return {
      ok: false,
      reason: 'event_too_old',
      message: `is older than the maximum event age of ${describeDuration(maxAgeSeconds)}; it is not forwarded`,
    };
  }
  if (seconds - receivedAt > MAX_FUTURE_SKEW_SECONDS) {
    return {
      ok: false,
      reason: 'event_in_future',
      message: 'is more than 10 minutes in the future; check the sender clock and the unit (seconds or milliseconds)',
    };
  }
  return { ok: true, seconds };
}

// Unix seconds of a time given as Unix seconds, milliseconds or ISO 8601, or undefined.
export function toUnixSeconds(value: number | string): number | undefined {
  if (typeof value === 'number') return fromEpochNumber(value);
  const text = value.trim();
  if (NUMERIC.test(text)) return fromEpochNumber(Number(text));
  return fromIso8601(text);
}

function fromEpochNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  return Math.floor(value >= MILLISECONDS_FROM ? value / 1000 : value);
}

function fromIso8601(text: string): number | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return undefined;
  if (month === 2 && day === 29 && !isLeapYear(year)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;

  let offsetSeconds = 0;
  if (m[8] !== undefined) {
    const offsetHours = Number(m[9]);
    const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offsetSeconds = (m[8] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  // Fractions of a second are dropped: TikTok takes whole seconds.
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetSeconds;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function describeDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? '1 day' : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  return `${seconds} seconds`;
}
