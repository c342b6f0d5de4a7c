import { Injectable } from '@nestjs/common';
import { countWithinByteBudget } from '@app/core';
import { DeliveryStatusView, DeliveryStore } from '@app/platforms';
import { RecentEventRow, RecentEventsRepository } from './recent-events.repository';

export interface DebuggedEvent extends RecentEventRow {
  deliveries: DeliveryStatusView[];
}

export interface DebuggedEventsPage {
  events: DebuggedEvent[];
  // Fewer events than asked for were returned because of the byte budget.
  truncated: boolean;
}

// The events debugger: recent accepted events as TrackLayer normalized them, each with its
// delivery status per connector, so a customer can see why an event did or did not reach TikTok.
// A page holds at most RESPONSE_MAX_BYTES of event payloads (and always one event).
@Injectable()
export class EventsDebuggerService {
  constructor(
    private readonly events: RecentEventsRepository,
    private readonly deliveries: DeliveryStore,
  ) {}

  async recent(workspaceId: string, eventId: string | undefined, limit: number): Promise<DebuggedEventsPage> {
    const sizes = await this.events.sizes(workspaceId, eventId, limit);
    const kept = countWithinByteBudget(sizes.map((row) => Number(row.bytes)));
    const rows = kept > 0 ? await this.events.rows(workspaceId, sizes.slice(0, kept).map((row) => row.id)) : [];
    const statuses = await this.deliveries.statusesForEvents(
      workspaceId,
      rows.map((row) => row.id),
    );
    return { events: rows.map((row) => ({ ...row, deliveries: statuses.get(row.id) ?? [] })), truncated: kept < sizes.length };
  }
}
