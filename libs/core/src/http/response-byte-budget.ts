// How many items of a list fit in an answer of at most `maxBytes`: the longest prefix whose
// sizes add up to no more than the budget, and always the first item, so a page is never empty
// because one item is large. Lists whose items can be large (stored events) read their sizes
// first (in SQL), keep this many, and only then read the items themselves.
export const RESPONSE_MAX_BYTES = 1_048_576;

export function countWithinByteBudget(sizes: readonly number[], maxBytes = RESPONSE_MAX_BYTES): number {
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    total += sizes[i];
    if (total > maxBytes) return Math.max(1, i);
  }
  return sizes.length;
}

// Header that tells a client the list was cut by the byte budget (ask for fewer, or narrow it).
export const TRUNCATED_HEADER = 'x-tracklayer-truncated';
