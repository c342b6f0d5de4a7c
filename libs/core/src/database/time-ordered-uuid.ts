import { randomFillSync } from 'node:crypto';

// RFC 9562 UUID version 7: 48 bits of Unix milliseconds, then 74 random bits (version and
// variant in between). Rows keyed by these are inserted at the right end of their primary key's
// b-tree, in time order, where random version 4 ids land on any leaf page: fewer pages dirtied
// and written per insert. Ids made in one millisecond are unordered among themselves.
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
// Random bytes for 256 ids at a time: one call into the system's generator instead of one per id.
const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;

export function timeOrderedUuid(now: number = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const at = 16 * next++;
  const high = Math.floor(now / 0x1_0000_0000);
  const low = now >>> 0;
  return (
    HEX[(high >>> 8) & 0xff] +
    HEX[high & 0xff] +
    HEX[low >>> 24] +
    HEX[(low >>> 16) & 0xff] +
    '-' +
    HEX[(low >>> 8) & 0xff] +
    HEX[low & 0xff] +
    '-' +
    HEX[0x70 | (pool[at + 6] & 0x0f)] +
    HEX[pool[at + 7]] +
    '-' +
    HEX[0x80 | (pool[at + 8] & 0x3f)] +
    HEX[pool[at + 9]] +
    '-' +
    HEX[pool[at + 10]] +
    HEX[pool[at + 11]] +
    HEX[pool[at + 12]] +
    HEX[pool[at + 13]] +
    HEX[pool[at + 14]] +
    HEX[pool[at + 15]]
  );
}
