import { api, apiHas, call, plannedApi, type Schema } from '../../api/api-client';
import type { EventAttempt, EventStory, EventStoryDelivery } from '../../api/planned-api';
import { DataTable } from '../../components/data-table.component';
import { ErrorAlert } from '../../components/error-alert.component';
import { EventBadges } from '../../components/event-badges.component';
import { platformAnswerColumns } from '../../components/platform-answer-columns';
import { StatusBadge } from '../../components/status-badge.component';
import { useAction } from '../../data/use-action';
import { useApiQuery } from '../../data/use-api-query';
import { eventStatus, statusOf, storyStatus } from '../../model/event-status';
import { dateTime, json } from '../../model/format';
import { canOperate } from '../../model/roles';
import { Link } from '../../routing/router';
import { workspacePath } from '../../routing/routes';
import { useWorkspace } from '../../session/workspace.context';

type DebuggedEvent = Schema<'DebuggedEventView'>;
type Connector = Schema<'ConnectorView'>;

const STORY = 'GET /v1/workspaces/{workspaceId}/events/{eventRef}' as const;
const REFRESH_MS = 3000;

function JsonBlock({ title, value, level = 2 }: { title: string; value: unknown; level?: 2 | 4 }) {
  const Heading = level === 2 ? 'h2' : 'h4';
  return (
    <section>
      <Heading>{title}</Heading>
      <pre className="json" tabIndex={0} aria-label={title}>
        <code>{json(value)}</code>
      </pre>
    </section>
  );
}

function connectorName(connectors: Connector[] | undefined, id: string): string {
  return connectors?.find((c) => c.id === id)?.name ?? 'a deleted connector';
}

// The event story (#19): as received, normalized, and per platform what was sent and answered.
function StoryView({ story, connectors }: { story: EventStory; connectors: Connector[] | undefined }) {
  return (
    <>
      {story.errors && story.errors.length > 0 && (
        <div className="alert alert-error">
          <p>TrackLayer rejected this event:</p>
          <ul>
            {story.errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <strong>{e.field}</strong> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <JsonBlock title="As received" value={story.received} />
      {story.normalized && <JsonBlock title="Normalized" value={story.normalized} />}
      <h2>Deliveries</h2>
      {story.deliveries.length === 0 && <p>No connector was active when this event arrived.</p>}
      {story.deliveries.map((delivery: EventStoryDelivery) => (
        <section key={delivery.connectorId} className="card">
          <h3>
            {connectorName(connectors, delivery.connectorId)} ({delivery.platform}) <StatusBadge tone={storyStatus(delivery.status).tone}>{storyStatus(delivery.status).label}</StatusBadge>
          </h3>
          {delivery.sent ? <JsonBlock title={`Sent to ${delivery.platform}`} value={delivery.sent} level={4} /> : <p>Not sent yet.</p>}
          <h4>The platform&rsquo;s answers</h4>
          <DataTable columns={platformAnswerColumns((attempt: EventAttempt) => attempt)} rows={delivery.attempts} rowKey={(a) => a.at} />
        </section>
      ))}
    </>
  );
}

// What the events debugger has today: the normalized event and each connector's delivery state.
function DebuggedView({ event, connectors }: { event: DebuggedEvent; connectors: Connector[] | undefined }) {
  return (
    <>
      <JsonBlock title="Normalized" value={event.event} />
      <h2>Deliveries</h2>
      {event.deliveries.length === 0 && <p>No connector was active when this event arrived.</p>}
      {event.deliveries.map((delivery) => {
        const status = statusOf(eventStatus([delivery]).kind);
        return (
          <section key={delivery.connectorId} className="card">
            <h3>
              {connectorName(connectors, delivery.connectorId)} <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
            </h3>
            <dl className="facts">
              <dt>Attempts</dt>
              <dd>{delivery.attempts}</dd>
              {delivery.deliveredAt && (
                <>
                  <dt>Delivered</dt>
                  <dd>{dateTime(delivery.deliveredAt)}</dd>
                </>
              )}
              {delivery.status === 'pending' && (
                <>
                  <dt>Next attempt</dt>
                  <dd>{dateTime(delivery.nextAttemptAt)}</dd>
                </>
              )}
              {(delivery.platformCode !== null || delivery.lastError) && (
                <>
                  <dt>The platform&rsquo;s answer</dt>
                  <dd>
                    {delivery.lastError ?? ''}
                    {delivery.platformCode !== null && <> (code {delivery.platformCode})</>}
                  </dd>
                </>
              )}
            </dl>
          </section>
        );
      })}
    </>
  );
}

export function EventDetailPage({ eventRef, eventId }: { eventRef: string; eventId?: string }) {
  const workspace = useWorkspace();
  const path = { workspaceId: workspace.id };
  const hasStory = apiHas(STORY);
  const story = useApiQuery(
    `story:${eventRef}`,
    async () => (hasStory ? call(plannedApi.GET('/v1/workspaces/{workspaceId}/events/{eventRef}', { params: { path: { ...path, eventRef } } })) : undefined),
    { refreshMs: REFRESH_MS },
  );
  const debugged = useApiQuery(
    `debugged:${eventRef}:${eventId}`,
    async () => {
      if (hasStory || !eventId) return undefined;
      const events = await call(api.GET('/v1/workspaces/{workspaceId}/events', { params: { path, query: { eventId, limit: 50 } } }));
      return events.find((e) => e.id === eventRef) ?? null;
    },
    { refreshMs: REFRESH_MS },
  );
  const connectors = useApiQuery(`connectors:${workspace.id}`, () => call(api.GET('/v1/workspaces/{workspaceId}/connectors', { params: { path } })));
  const replay = useAction(() => call(plannedApi.POST('/v1/workspaces/{workspaceId}/events/{eventRef}/replay', { params: { path: { ...path, eventRef } } })));

  const event = debugged.data;
  const title = story.data?.eventName ?? event?.eventName ?? 'Event';
  const status = story.data ? storyStatus(story.data.status) : event ? eventStatus(event.deliveries) : undefined;
  const missing = (!hasStory && !eventId) || event === null;

  return (
    <>
      <p>
        <Link href={workspacePath(workspace.id, 'events')}>Back to events</Link>
      </p>
      <h1>
        {title} {status && <StatusBadge tone={status.tone}>{status.label}</StatusBadge>}
      </h1>
      <ErrorAlert error={story.error ?? debugged.error} />
      {missing && <p>This event is no longer among the stored events (or the link is incomplete).</p>}
      {(story.data || event) && (
        <dl className="facts">
          <dt>Event ID</dt>
          <dd>
            <code>{story.data?.eventId ?? event?.eventId}</code>
          </dd>
          <dt>Received</dt>
          <dd>{dateTime(story.data?.receivedAt ?? event?.receivedAt)}</dd>
          {event && (
            <>
              <dt>Event time</dt>
              <dd>{dateTime(event.eventTime)}</dd>
              <dt>Identifiers</dt>
              <dd>
                <EventBadges event={event} />
              </dd>
            </>
          )}
        </dl>
      )}
      {hasStory && canOperate(workspace.role) && (
        <p>
          <button type="button" disabled={replay.busy} onClick={() => void replay.run().then(() => story.reload())}>
            Replay
          </button>{' '}
          <span className="hint">Sends this event to each platform again (same event_id, so the platform deduplicates it).</span>
        </p>
      )}
      <ErrorAlert error={replay.error} />
      {story.data && <StoryView story={story.data} connectors={connectors.data} />}
      {event && <DebuggedView event={event} connectors={connectors.data} />}
      {event && !hasStory && (
        <p className="hint">
          TrackLayer keeps the normalized event and each delivery&rsquo;s state; the event as received and the exact request sent to each platform
          are not kept for this event.
        </p>
      )}
    </>
  );
}
