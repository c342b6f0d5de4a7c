import type { LoadOutcome } from '../load/ingest-load';

export interface StoredEventsCheck {
  tag: string;
  acceptedEvents: number;
  storedEvents: number;
  // Answered 202 but missing from the table: must be 0.
  lost: number;
  // Stored more than once: must be 0.
  duplicates: number;
  // Stored but never sent by this load: must be 0.
  strays: number;
  // Sent in the last instant of a timed run and committed, but the load generator closed the
  // connection before reading the 202. Stored exactly once, so neither lost nor duplicated.
  unansweredButStored: number;
  ok: boolean;
}

// Maps every stored event_id (`<tag>-<request>[-<index>]`) back to its request and compares with
// what the load generator saw answered. `eventIds` are all rows of the table for the loads given.
export function checkStoredEvents(loads: LoadOutcome[], eventIds: Iterable<string>): StoredEventsCheck[] {
  const perTag = new Map<string, Map<string, number>>();
  for (const load of loads) perTag.set(load.tag, new Map());
  let unknown = 0;
  for (const eventId of eventIds) {
    const tag = eventId.slice(0, eventId.indexOf('-'));
    const counts = perTag.get(tag);
    if (!counts) {
      unknown++;
      continue;
    }
    counts.set(eventId, (counts.get(eventId) ?? 0) + 1);
  }
  if (unknown > 0) throw new Error(`${unknown} stored events belong to no load of this check`);

  return loads.map((load) => {
    const counts = perTag.get(load.tag) ?? new Map<string, number>();
    const check: StoredEventsCheck = {
      tag: load.tag,
      acceptedEvents: load.accepted.size * load.eventsPerRequest,
      storedEvents: 0,
      lost: 0,
      duplicates: 0,
      strays: 0,
      unansweredButStored: 0,
      ok: false,
    };
    for (const request of load.accepted) {
      for (const eventId of eventIdsOf(load.tag, request, load.eventsPerRequest)) {
        if (!counts.has(eventId)) check.lost++;
      }
    }
    for (const [eventId, count] of counts) {
      check.storedEvents += count;
      check.duplicates += count - 1;
      const request = Number(eventId.split('-')[1]);
      if (!Number.isInteger(request) || request >= load.requestsSent) check.strays += count;
      else if (!load.accepted.has(request)) check.unansweredButStored++;
    }
    check.ok = check.lost === 0 && check.duplicates === 0 && check.strays === 0;
    return check;
  });
}

function eventIdsOf(tag: string, request: number, eventsPerRequest: number): string[] {
  if (eventsPerRequest === 1) return [`${tag}-${request}`];
  return Array.from({ length: eventsPerRequest }, (_, index) => `${tag}-${request}-${index}`);
}
