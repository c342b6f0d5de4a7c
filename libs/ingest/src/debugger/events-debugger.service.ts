import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NormalizedEvent } from '@app/core';
import { DeliveryStatusView, DeliveryStore } from '@app/platforms';

export interface DebuggedEvent {
  id: string;
  eventId: string;
  eventName: string;
  eventTime: Date;
  receivedAt: Date;
  ttclidRestored: boolean;
  ttpRestored: boolean;
  event: NormalizedEvent;
  deliveries: DeliveryStatusView[];
}

// The events debugger: recent accepted events as TrackLayer normalized them, each with its
// delivery status per connector, so a customer can see why an event did or did not reach TikTok.
@Injectable()
export class EventsDebuggerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryStore,
  ) {}

  async recent(workspaceId: string, eventId: string | undefined, limit: number): Promise<DebuggedEvent[]> {
    const rows: Array<Omit<DebuggedEvent, 'deliveries'>> = await this.dataSource.query(
      `SELECT id, event_id AS "eventId", event_name AS "eventName", event_time AS "eventTime", received_at AS "receivedAt",
              ttclid_restored AS "ttclidRestored", ttp_restored AS "ttpRestored", payload AS event
         FROM events
        WHERE workspace_id = $1
          AND ($2::text IS NULL OR id IN (SELECT event_ref FROM event_dedup WHERE workspace_id = $1 AND event_id = $2))
        ORDER BY received_at DESC, id LIMIT $3`,
      [workspaceId, eventId ?? null, limit],
    );
    const statuses = await this.deliveries.statusesForEvents(
      workspaceId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({ ...row, deliveries: statuses.get(row.id) ?? [] }));
  }
}
