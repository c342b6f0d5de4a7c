import type { KnownClickIds, StoredClickId } from './click-id.restorer';

// An identity's click ids as the click_ids row stores them in its `ids` jsonb: kind -> [value,
// capture time in Unix seconds]. A pair rather than {"v", "t"}: the keys cost ~10 bytes per kind
// in every row (measured in docs/benchmark.md).
export type StoredClickIdsJson = Record<string, [value: string, capturedAt: number]>;

export type ClickIdChange = { identity: string; kind: string } & StoredClickId;

// One identity's part of a write: the kinds whose value changed, and the oldest of their captures
// (the row's oldest_captured_at when the identity is new; the SQL recomputes it on a merge).
export interface IdentityClickIdsWrite {
  identity: string;
  ids: StoredClickIdsJson;
  oldestCapturedAt: number;
}

export function fromStoredClickIds(ids: StoredClickIdsJson): KnownClickIds {
  const known: KnownClickIds = {};
  for (const [kind, [value, capturedAt]] of Object.entries(ids)) known[kind] = { value, capturedAt: Number(capturedAt) };
  return known;
}

// The restorer's changes, one entry per identity, in identity order: the order rows are locked in,
// the same in every batch, so two batches never deadlock.
export function identityClickIdsWrites(changes: readonly ClickIdChange[]): IdentityClickIdsWrite[] {
  const byIdentity = new Map<string, IdentityClickIdsWrite>();
  for (const { identity, kind, value, capturedAt } of changes) {
    const write = byIdentity.get(identity);
    if (write === undefined) byIdentity.set(identity, { identity, ids: { [kind]: [value, capturedAt] }, oldestCapturedAt: capturedAt });
    else {
      write.ids[kind] = [value, capturedAt];
      write.oldestCapturedAt = Math.min(write.oldestCapturedAt, capturedAt);
    }
  }
  return [...byIdentity.values()].sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
}
