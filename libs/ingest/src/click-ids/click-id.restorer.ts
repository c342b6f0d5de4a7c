import { setClickId, type NormalizedEvent } from '@app/core';
import { visitorIdentities } from './visitor-identities';

export interface StoredClickId {
  value: string;
  // Unix seconds when this value was first seen on an event (not when it was last copied).
  capturedAt: number;
}

// Kind (ttclid, fbc, ...) -> the identity's freshest value of that kind.
export type KnownClickIds = Record<string, StoredClickId>;

export interface RestoreKind {
  kind: string;
  // How long after its capture a value may still be restored onto a later event.
  windowSeconds: number;
}

export interface RestoreResult {
  // Kinds the event did not carry and now carries, restored from an earlier event.
  restored: string[];
  // Kinds ever seen for this visitor (now or before, in or out of the window): a visitor with a
  // ttclid came from a TikTok ad, which is what that kind's coverage check measures.
  visitorHad: string[];
}

// Restores each kind of click id onto events that lack it from the freshest value captured, within
// that kind's window before the event, under any of the visitor's identities; then records what
// each event carries under all of its identities. That second step is what carries a click id
// from an anonymous landing, through a purchase with an email, to a purchase on another domain
// with only that email. Events are processed in order, so a batch restores within itself too.
//
// A value is remembered only when it changes what is stored: a new identity or kind, or a
// different value captured later or at the same second (events come in order, so the one read
// last is the newer click). The same value seen again keeps its first capture time, since the
// window counts from the click, so a visitor's every event does not rewrite its rows.
export class ClickIdRestorer {
  // Identity -> freshest known click ids; seeded from the store, updated as events are processed.
  readonly known: Map<string, KnownClickIds>;
  // Identity -> kinds whose stored value this batch must write.
  readonly changed = new Map<string, Set<string>>();

  constructor(
    stored: Map<string, KnownClickIds>,
    private readonly kinds: readonly RestoreKind[],
  ) {
    this.known = new Map([...stored].map(([identity, ids]) => [identity, { ...ids }]));
  }

  apply(event: NormalizedEvent): RestoreResult {
    const identities = visitorIdentities(event);
    const carried = event.clickIdsByKind ?? {};
    const result: RestoreResult = { restored: [], visitorHad: [] };

    for (const { kind, windowSeconds } of this.kinds) {
      if (carried[kind] !== undefined || identities.some((identity) => this.known.get(identity)?.[kind])) result.visitorHad.push(kind);

      let capture: StoredClickId | undefined;
      const own = carried[kind];
      if (own !== undefined) capture = { value: own.value, capturedAt: event.eventTime };
      else {
        capture = this.freshest(identities, kind, event.eventTime - windowSeconds);
        if (capture !== undefined) {
          setClickId(event, kind, capture.value, 'restored');
          result.restored.push(kind);
        }
      }
      if (capture !== undefined) for (const identity of identities) this.remember(identity, kind, capture);
    }
    return result;
  }

  private remember(identity: string, kind: string, capture: StoredClickId): void {
    const entry = this.known.get(identity) ?? {};
    const stored = entry[kind];
    if (stored !== undefined && (stored.value === capture.value || stored.capturedAt > capture.capturedAt)) return;
    entry[kind] = capture;
    this.known.set(identity, entry);
    const kinds = this.changed.get(identity) ?? new Set<string>();
    kinds.add(kind);
    this.changed.set(identity, kinds);
  }

  private freshest(identities: string[], kind: string, since: number): StoredClickId | undefined {
    let best: StoredClickId | undefined;
    for (const identity of identities) {
      const stored = this.known.get(identity)?.[kind];
      if (stored !== undefined && stored.capturedAt >= since && (best === undefined || best.capturedAt < stored.capturedAt)) best = stored;
    }
    return best;
  }

  // The rows to write: identity, kind and the value now known for them.
  changes(): Array<{ identity: string; kind: string } & StoredClickId> {
    const rows: Array<{ identity: string; kind: string } & StoredClickId> = [];
    for (const [identity, kinds] of this.changed) {
      for (const kind of kinds) {
        const stored = this.known.get(identity)?.[kind];
        if (stored !== undefined) rows.push({ identity, kind, ...stored });
      }
    }
    return rows;
  }
}
