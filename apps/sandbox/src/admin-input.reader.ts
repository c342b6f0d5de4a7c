import { BadRequestException } from '@nestjs/common';

// Large enough for any benchmark, small enough that a typo (1e9) cannot pin the sandbox forever.
export const MAX_FAULT_COUNT = 1_000_000;

export function readFaultCount(value: unknown): number {
  const count = value === undefined ? 1 : value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_FAULT_COUNT) {
    throw new BadRequestException(`count must be an integer from 1 to ${MAX_FAULT_COUNT}`);
  }
  return count;
}

// An empty query parameter (`?pixelCode=`) means no filter, not "equals empty".
export function presence(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

// `limit` keeps the newest N: after a long benchmark the full log would not fit in one JSON string.
export function readLimit(limit: string | undefined): number | undefined {
  if (presence(limit) === undefined) return undefined;
  const newest = Number(limit);
  if (!Number.isInteger(newest) || newest < 1) throw new BadRequestException('limit must be a positive integer');
  return newest;
}
