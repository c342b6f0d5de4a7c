import type { NormalizedEvent } from '@app/core';
import { visitorIdentities } from './visitor-identities';

export interface KnownClickIds {
  ttclid?: string;
  // Unix seconds when the click id was first seen on an event (not when it was last copied).
  ttclidAt?: number;
  ttp?: string;
  ttpAt?: number;
}

export interface RestoreResult {
  ttclidRestored: boolean;
  ttpRestored: boolean;
  // A ttclid was ever seen for this visitor (now or before, in or out of the window): the event
  // belongs to TikTok ad traffic, which is what the ttclid coverage check measures.
  visitorHadTtclid: boolean;
}

// Restores ttclid/ttp onto events that lack them from the freshest value captured, within the
// attribution window before the event, under any of the visitor's identities; then records what
// each event carries under all of its identities. That second step is what carries a click id
// from an anonymous landing, through a purchase with an email, to a purchase on another domain
// with only that email. Events are processed in order, so a batch restores within itself too.
export class ClickIdRestorer {
  // Identity -> freshest known click ids; seeded from the store, updated as events are processed.
  readonly known: Map<string, KnownClickIds>;
  readonly changed = new Set<string>();

  constructor(
    stored: Map<string, KnownClickIds>,
    private readonly windowSeconds: number,
  ) {
    this.known = new Map(stored);
  }

  apply(event: NormalizedEvent): RestoreResult {
    const identities = visitorIdentities(event);
    const result: RestoreResult = {
      ttclidRestored: false,
      ttpRestored: false,
      visitorHadTtclid: Boolean(event.user.ttclid) || identities.some((identity) => this.known.get(identity)?.ttclid),
    };
    const since = event.eventTime - this.windowSeconds;

    let ttclidAt = event.user.ttclid ? event.eventTime : undefined;
    let ttpAt = event.user.ttp ? event.eventTime : undefined;
    if (!event.user.ttclid || !event.user.ttp) {
      const best = this.freshest(identities, since);
      if (!event.user.ttclid && best.ttclid) {
        event.user.ttclid = best.ttclid;
        event.clickIds.ttclidSource = 'restored';
        ttclidAt = best.ttclidAt;
        result.ttclidRestored = true;
      }
      if (!event.user.ttp && best.ttp) {
        event.user.ttp = best.ttp;
        event.clickIds.ttpSource = 'restored';
        ttpAt = best.ttpAt;
        result.ttpRestored = true;
      }
    }

    for (const identity of identities) {
      const entry = this.known.get(identity) ?? {};
      let updated = false;
      if (event.user.ttclid && ttclidAt !== undefined && (entry.ttclidAt ?? -Infinity) < ttclidAt) {
        entry.ttclid = event.user.ttclid;
        entry.ttclidAt = ttclidAt;
        updated = true;
      }
      if (event.user.ttp && ttpAt !== undefined && (entry.ttpAt ?? -Infinity) < ttpAt) {
        entry.ttp = event.user.ttp;
        entry.ttpAt = ttpAt;
        updated = true;
      }
      if (updated) {
        this.known.set(identity, entry);
        this.changed.add(identity);
      }
    }
    return result;
  }

  private freshest(identities: string[], since: number): KnownClickIds {
    const best: KnownClickIds = {};
    for (const identity of identities) {
      const entry = this.known.get(identity);
      if (!entry) continue;
      if (entry.ttclid && entry.ttclidAt !== undefined && entry.ttclidAt >= since && (best.ttclidAt ?? -Infinity) < entry.ttclidAt) {
        best.ttclid = entry.ttclid;
        best.ttclidAt = entry.ttclidAt;
      }
      if (entry.ttp && entry.ttpAt !== undefined && entry.ttpAt >= since && (best.ttpAt ?? -Infinity) < entry.ttpAt) {
        best.ttp = entry.ttp;
        best.ttpAt = entry.ttpAt;
      }
    }
    return best;
  }
}
