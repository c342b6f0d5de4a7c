import { Injectable } from '@nestjs/common';
import { countWithinByteBudget, DomainError, NormalizedEvent, WorkspaceId } from '@app/core';
import { EventDedupRepository } from '@app/dedup';
import { EventsRepository, RawEventRow, RawEventsRepository, StoredEvent } from '@app/events';
import { DeliveriesRepository, DeliveryLogsRepository, DeliveryOutbox, DeliveryStatusView } from '@app/platforms';
import { encodeEventCursor, EventCursor } from './event-cursor';
import { sentEventOf } from './sent-event.extractor';

export const EVENT_STATUSES = ['accepted', 'duplicate', 'rejected', 'delivered', 'pending', 'platform-rejected'] as const;
export type EventStatusFilter = (typeof EVENT_STATUSES)[number];

// The delivery statuses each filter stands for; accepted is every stored event.
const DELIVERY_STATUSES: Partial<Record<EventStatusFilter, string[]>> = {
  delivered: ['delivered'],
  pending: ['pending'],
  'platform-rejected': ['rejected'],
};
// A delivery filter reads at most this many matching events before the other filters apply.
const DELIVERY_MATCH_LIMIT = 5_000;

export interface EventFilters {
  eventId?: string;
  eventName?: string;
  status?: EventStatusFilter;
  connectorId?: string;
  from?: Date;
  to?: Date;
  anonymousId?: string;
  ttclid?: string;
  orderId?: string;
  deliveryLogId?: string;
  cursor?: EventCursor;
  limit: number;
}

export interface EventAttempt {
  id: string;
  attempt: number;
  createdAt: Date;
  settledAt: Date | null;
  outcome: string;
  httpStatus: number | null;
  platformCode: number | null;
  platformMessage: string;
  requestId: string | null;
  latencyMs: number | null;
  // This event's object in the request's body, as sent; null when the body was not kept.
  sent: unknown;
}

export interface EventConnectorStory extends DeliveryStatusView {
  requests: EventAttempt[];
}

// A stored event in a search: as normalized, with its raw event and its status per connector.
export interface DebuggedEvent extends StoredEvent {
  status: 'accepted';
  raw: unknown;
  deliveries: DeliveryStatusView[];
}

export interface EventStory {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  receivedAt: Date;
  eventId: string | null;
  eventName: string | null;
  // As it arrived, plain email and phone redacted; null when it was not kept (over the size limit,
  // or received before raw events were kept, or past their retention).
  raw: unknown;
  reason?: string;
  errors?: Array<{ field: string; message: string }>;
  // The duplicate's original event.
  originalRef?: string;
  normalized?: NormalizedEvent;
  ttclidRestored?: boolean;
  ttpRestored?: boolean;
  deliveries: EventConnectorStory[];
}

export interface EventPage<T> {
  events: T[];
  truncated: boolean;
  nextCursor?: string;
}

// An event's whole story: what arrived (raw_events), what TrackLayer made of it (events), and
// per connector what was sent and what the platform answered (deliveries and delivery_logs).
@Injectable()
export class EventStoryService {
  constructor(
    private readonly events: EventsRepository,
    private readonly rawEvents: RawEventsRepository,
    private readonly dedup: EventDedupRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly deliveryLogs: DeliveryLogsRepository,
    private readonly outbox: DeliveryOutbox,
  ) {}

  async story(workspaceId: WorkspaceId, ref: string): Promise<EventStory> {
    const [stored] = await this.events.byIds(workspaceId, [ref]);
    const raw = await this.rawEvents.get(workspaceId, ref);
    if (stored === undefined) {
      if (raw === undefined) throw new DomainError('not_found', 'event_not_found', 'No event with this reference in this workspace');
      return refusedStory(raw);
    }
    const deliveries = await this.deliveries.ofEvent(workspaceId, ref);
    const stories = await Promise.all(
      deliveries.map(async ({ id, ...status }) => {
        // Not materialized yet (null): no request carried it.
        const logs = id === null ? [] : await this.deliveryLogs.carriedBy(workspaceId, status.connectorId, stored.receivedAt, [id]);
        const requests = logs.map(
          (log): EventAttempt => ({
            id: log.id,
            attempt: log.attempt,
            createdAt: log.createdAt,
            settledAt: log.settledAt,
            outcome: log.outcome,
            httpStatus: log.httpStatus,
            platformCode: log.platformCode,
            platformMessage: log.platformMessage,
            requestId: log.requestId,
            latencyMs: log.latencyMs,
            sent: sentEventOf(log.requestBody, stored.eventId) ?? null,
          }),
        );
        return { ...status, requests };
      }),
    );
    return {
      id: stored.id,
      status: 'accepted',
      receivedAt: stored.receivedAt,
      eventId: stored.eventId,
      eventName: stored.eventName,
      raw: raw?.raw ?? null,
      normalized: stored.event,
      ttclidRestored: stored.ttclidRestored,
      ttpRestored: stored.ttpRestored,
      deliveries: stories,
    };
  }

  // Duplicate and rejected events, newest first.
  async refused(workspaceId: WorkspaceId, status: 'duplicate' | 'rejected', filters: EventFilters): Promise<EventPage<EventStory>> {
    const rows = await this.rawEvents.refused(workspaceId, {
      statuses: [status],
      eventName: filters.eventName,
      from: filters.from,
      to: filters.to,
      before: filters.cursor,
      limit: filters.limit,
    });
    // A duplicate's raw event is a whole event: the page keeps what fits in the byte budget.
    const kept = countWithinByteBudget(rows.map((row) => row.rawBytes));
    const page = rows.slice(0, kept);
    const raws = await this.rawEvents.rawOf(workspaceId, page.map((row) => row.id));
    const last = page.at(-1);
    const more = kept < rows.length || rows.length === filters.limit;
    return {
      events: page.map(({ rawBytes: _size, ...row }) => refusedStory({ ...row, raw: raws.get(row.id) ?? null })),
      truncated: kept < rows.length,
      nextCursor: more && last ? encodeEventCursor({ receivedAt: last.cursorTime, id: last.id }) : undefined,
    };
  }

  // Stored events matching the filters, newest first, each with its delivery status per connector
  // and its raw event. A page holds at most RESPONSE_MAX_BYTES of payloads and raw events (and
  // always one event).
  async search(workspaceId: WorkspaceId, filters: EventFilters): Promise<EventPage<DebuggedEvent>> {
    const ids = await this.narrowing(workspaceId, filters);
    if (ids !== undefined && ids.length === 0) return { events: [], truncated: false };
    const sizes = await this.events.searchSizes(workspaceId, {
      ids,
      eventName: filters.eventName,
      from: filters.from,
      to: filters.to,
      anonymousId: filters.anonymousId,
      ttclid: filters.ttclid,
      orderId: filters.orderId,
      before: filters.cursor,
      limit: filters.limit,
    });
    // The raw event is in the answer too, and may be much larger than the normalized event (fields
    // TrackLayer does not read are kept there only), so the budget counts both.
    const rawSizes = await this.rawEvents.rawSizes(workspaceId, sizes.map((row) => row.id));
    const kept = countWithinByteBudget(sizes.map((row) => Number(row.bytes) + (rawSizes.get(row.id) ?? 0)));
    const page = sizes.slice(0, kept);
    const rows = kept > 0 ? await this.events.byIds(workspaceId, page.map((row) => row.id)) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const statuses = await this.deliveries.statusesForEvents(workspaceId, page.map((row) => row.id));
    const raws = await this.rawEvents.rawOf(workspaceId, page.map((row) => row.id));
    const last = page.at(-1);
    const more = kept < sizes.length || sizes.length === filters.limit;
    return {
      events: page.flatMap((row) => {
        const event = byId.get(row.id);
        return event ? [{ ...event, status: 'accepted' as const, raw: raws.get(row.id) ?? null, deliveries: statuses.get(row.id) ?? [] }] : [];
      }),
      truncated: kept < sizes.length,
      nextCursor: more && last ? encodeEventCursor({ receivedAt: last.cursorTime, id: last.id }) : undefined,
    };
  }

  // Sends the events' deliveries again (to one connector, or all): returns how many were queued.
  async replay(workspaceId: WorkspaceId, refs: string[], connectorId?: string): Promise<number> {
    if (refs.length === 0) return 0;
    const requeued = await this.deliveries.requeueEvents(workspaceId, refs, connectorId);
    const connectors = new Set<string>();
    for (const statuses of (await this.deliveries.statusesForEvents(workspaceId, refs)).values()) {
      for (const status of statuses) if (connectorId === undefined || status.connectorId === connectorId) connectors.add(status.connectorId);
    }
    this.outbox.notify(workspaceId, [...connectors]);
    return requeued;
  }

  // The stored events' ids the event_id, delivery log or delivery-status filters allow, or
  // undefined when none of them is given.
  private async narrowing(workspaceId: WorkspaceId, filters: EventFilters): Promise<string[] | undefined> {
    let ids: string[] | undefined;
    const intersect = (next: string[]) => (ids = ids === undefined ? next : ids.filter((id) => next.includes(id)));
    if (filters.eventId !== undefined) {
      // An event_id names the event that claimed it (event_dedup), if any was accepted.
      const ref = await this.dedup.refOf(workspaceId, filters.eventId);
      intersect(ref === undefined ? [] : [ref]);
    }
    if (filters.deliveryLogId !== undefined) {
      intersect(await this.deliveries.eventRefsOf(workspaceId, await this.deliveryLogs.deliveryIdsOf(workspaceId, filters.deliveryLogId)));
    }
    const statuses = filters.status === undefined ? undefined : DELIVERY_STATUSES[filters.status];
    if (statuses !== undefined || filters.connectorId !== undefined) {
      intersect(
        await this.deliveries.eventRefsWithStatus(workspaceId, {
          statuses: statuses ?? null,
          connectorId: filters.connectorId,
          from: filters.from,
          to: filters.to,
          limit: DELIVERY_MATCH_LIMIT,
        }),
      );
    }
    return ids;
  }
}

function refusedStory(row: RawEventRow): EventStory {
  return {
    id: row.id,
    status: row.status,
    receivedAt: row.receivedAt,
    eventId: row.eventId,
    eventName: row.eventName,
    raw: row.raw,
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.errors === null ? {} : { errors: row.errors }),
    ...(row.originalRef === null ? {} : { originalRef: row.originalRef }),
    deliveries: [],
  };
}
