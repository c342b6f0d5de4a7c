// Whether a parsed JSON value takes more than `limit` bytes as UTF-8 JSON, usually without
// serializing it: an upper bound of its size is summed first (no allocation, stopping as soon as it
// passes the limit), and only a value whose bound passes is serialized and counted exactly. Most
// messages are a few KB against a 32 KB limit, so they never leave the first pass. A value nested
// deeper than `maxDepth` is answered 'too_deep' before anything recurses that far.
export function jsonSizeVerdict(value: unknown, limit: number, maxDepth: number): 'within' | 'too_large' | 'too_deep' {
  const bound = upperBound(value, limit, maxDepth, 1);
  if (bound === TOO_DEEP) return 'too_deep';
  if (bound <= limit) return 'within';
  return Buffer.byteLength(JSON.stringify(value) ?? '') > limit ? 'too_large' : 'within';
}

// A JSON string takes at most 6 bytes per UTF-16 unit ("\u0000"-style escapes; raw characters take
// 1 to 3 bytes per unit), plus its quotes.
const STRING_UNIT_MAX = 6;
// The longest JSON spelling of a number ("-2.2250738585072014e-308").
const NUMBER_MAX = 24;
const TOO_DEEP = -1;

function upperBound(value: unknown, limit: number, maxDepth: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return value.length * STRING_UNIT_MAX + 2;
    case 'number':
      return NUMBER_MAX;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (depth > maxDepth) return TOO_DEEP;
      let total = 2;
      if (Array.isArray(value)) {
        for (const item of value) {
          const size = upperBound(item, limit, maxDepth, depth + 1);
          if (size === TOO_DEEP) return TOO_DEEP;
          total += size + 1;
          if (total > limit) return total;
        }
        return total;
      }
      for (const key in value) {
        const size = upperBound((value as Record<string, unknown>)[key], limit, maxDepth, depth + 1);
        if (size === TOO_DEEP) return TOO_DEEP;
        total += key.length * STRING_UNIT_MAX + 4 + size;
        if (total > limit) return total;
      }
      return total;
    }
    default:
      // undefined and functions are left out of JSON.
      return 0;
  }
}
