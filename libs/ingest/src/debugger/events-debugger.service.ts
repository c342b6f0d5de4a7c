import { Injectable } from '@nestjs/common';
import { countWithinByteBudget, WorkspaceId } from '@app/core';
import { EventDedupRepository } from '@app/dedup';
import { EventsRepository, StoredEvent } from '@app/events';
import { DeliveriesRepository, DeliveryStatusView } from '@app/platforms';

export interface DebuggedEvent extends StoredEvent {
  deliveries: DeliveryStatusView[];
}

export interface DebuggedEventsPage {
  events: DebuggedEvent[];
  // Fewer events than asked for were returned because of the byte budget.
  truncated: boolean;
}

// The events debugger: recent accepted events as TrackLayer normalized them, each with its
// delivery status per connector, so a customer can see why an event did or did not reach TikTok.
// A page holds at most RESPONSE_MAX_BYTES of event payloads (and always one event): sizes are
// read first, without payloads, so a page of large events is cut before any reaches the heap.
@Injectable()
export class EventsDebuggerService {
  constructor(
    private readonly events: EventsRepository,
    private readonly dedup: EventDedupRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async recent(workspaceId: WorkspaceId, eventId: string | undefined, limit: number): Promise<DebuggedEventsPage> {
    let ids: string[] | undefined;
    if (eventId !== undefined) {
      // An event_id names the event that claimed it (event_dedup), if any was accepted.
      const ref = await this.dedup.refOf(workspaceId, eventId);
      if (ref === undefined) return { events: [], truncated: false };
      ids = [ref];
    }
    const sizes = await this.events.recentSizes(workspaceId, limit, ids);
    const kept = countWithinByteBudget(sizes.map((row) => Number(row.bytes)));
    const rows = kept > 0 ? await this.events.byIds(workspaceId, sizes.slice(0, kept).map((row) => row.id)) : [];
    const statuses = await this.deliveries.statusesForEvents(
      workspaceId,
      rows.map((row) => row.id),
    );
    return { events: rows.map((row) => ({ ...row, deliveries: statuses.get(row.id) ?? [] })), truncated: kept < sizes.length };
  }
}
