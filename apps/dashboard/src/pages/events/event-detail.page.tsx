import { useState } from 'react';
import { api, call, type Schema } from '../../api/api-client';
import { DataTable } from '../../components/data-table.component';
import { ErrorAlert } from '../../components/error-alert.component';
import { EventBadges } from '../../components/event-badges.component';
import { platformAnswerColumns } from '../../components/platform-answer-columns';
import { StatusBadge } from '../../components/status-badge.component';
import { useAction } from '../../data/use-action';
import { useApiQuery } from '../../data/use-api-query';
import { deliveryStatus, storyStatus } from '../../model/event-status';
import { dateTime, json } from '../../model/format';
import { canOperate } from '../../model/roles';
import { Link } from '../../routing/router';
import { workspacePath } from '../../routing/routes';
import { useWorkspace } from '../../session/workspace.context';

type Connector = Schema<'ConnectorView'>;
type EventStory = Schema<'EventStoryView'>;
type EventStoryDelivery = EventStory['deliveries'][number];
type EventAttempt = EventStoryDelivery['requests'][number];
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
      <JsonBlock title="As received" value={story.raw} />
      {story.normalized && <JsonBlock title="Normalized" value={story.normalized} />}
      <h2>Deliveries</h2>
      {story.deliveries.length === 0 && <p>No connector was active when this event arrived.</p>}
      {story.deliveries.map((delivery: EventStoryDelivery) => {
        const last = delivery.requests.at(-1);
        const name = connectorName(connectors, delivery.connectorId);
        return (
          <section key={delivery.connectorId} className="card">
            <h3>
              {name} <StatusBadge tone={deliveryStatus(delivery.status).tone}>{deliveryStatus(delivery.status).label}</StatusBadge>
            </h3>
            {last?.sent ? <JsonBlock title={`Sent to ${name}`} value={last.sent} level={4} /> : <p>Not sent yet.</p>}
            <h4>The platform&rsquo;s answers</h4>
            <DataTable
              columns={platformAnswerColumns((attempt: EventAttempt) => ({ ...attempt, at: attempt.createdAt }))}
              rows={delivery.requests}
              rowKey={(a) => a.id}
            />
          </section>
        );
      })}
    </>
  );
}

export function EventDetailPage({ eventRef }: { eventRef: string; eventId?: string }) {
  const workspace = useWorkspace();
  const path = { workspaceId: workspace.id };
  const story = useApiQuery(
    `story:${eventRef}`,
    () => call(api.GET('/v1/workspaces/{workspaceId}/events/{eventRef}', { params: { path: { ...path, eventRef } } })),
    { refreshMs: REFRESH_MS },
  );
  const connectors = useApiQuery(`connectors:${workspace.id}`, () => call(api.GET('/v1/workspaces/{workspaceId}/connectors', { params: { path } })));
  const [requeued, setRequeued] = useState<number>();
  const replay = useAction(async () => {
    setRequeued(undefined);
    const answer = await call(api.POST('/v1/workspaces/{workspaceId}/events/{eventRef}/replay', { params: { path: { ...path, eventRef } }, body: {} }));
    setRequeued(answer.requeued);
    await story.reload();
  });

  const told = story.data;
  const status = told ? storyStatus(told) : undefined;

  return (
    <>
      <p>
        <Link href={workspacePath(workspace.id, 'events')}>Back to events</Link>
      </p>
      <h1>
        {told?.eventName ?? 'Event'} {status && <StatusBadge tone={status.tone}>{status.label}</StatusBadge>}
      </h1>
      <ErrorAlert error={story.error} />
      {told && (
        <dl className="facts">
          <dt>Event ID</dt>
          <dd>
            <code>{told.eventId ?? '–'}</code>
          </dd>
          <dt>Received</dt>
          <dd>{dateTime(told.receivedAt)}</dd>
          {told.normalized && (
            <>
              <dt>Event time</dt>
              <dd>{dateTime(new Date(told.normalized.eventTime * 1000).toISOString())}</dd>
              <dt>Identifiers</dt>
              <dd>
                <EventBadges event={{ event: told.normalized, ttclidRestored: told.ttclidRestored ?? false, ttpRestored: told.ttpRestored ?? false }} />
              </dd>
            </>
          )}
        </dl>
      )}
      {told?.status === 'accepted' && canOperate(workspace.role) && (
        <p>
          <button type="button" disabled={replay.busy} onClick={() => void replay.run()}>
            Replay
          </button>{' '}
          <span className="hint">Sends this event to each platform again (same event_id, so the platform deduplicates it).</span>
        </p>
      )}
      {requeued !== undefined && <p role="status">{requeued === 1 ? '1 delivery is' : `${requeued} deliveries are`} queued again.</p>}
      <ErrorAlert error={replay.error} />
      {told && <StoryView story={told} connectors={connectors.data} />}
    </>
  );
}
