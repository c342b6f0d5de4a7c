import { useState } from 'react';
import { api, call, type Schema } from '../../api/api-client';
import { DataTable } from '../../components/data-table.component';
import { ErrorAlert } from '../../components/error-alert.component';
import { EventBadges } from '../../components/event-badges.component';
import { SelectField } from '../../components/select-field.component';
import { StatusBadge } from '../../components/status-badge.component';
import { TextField } from '../../components/text-field.component';
import { useApiQuery } from '../../data/use-api-query';
import { filterEvents, NO_FILTERS, type EventFilters } from '../../model/event-filters';
import { eventStatus } from '../../model/event-status';
import { count, dateTime } from '../../model/format';
import { canOperate } from '../../model/roles';
import { Link } from '../../routing/router';
import { eventPath } from '../../routing/routes';
import { useWorkspace } from '../../session/workspace.context';
import { ReplayForm } from './replay-form.component';

const LIVE_REFRESH_MS = 3000;

type RejectedEvent = Schema<'EventStoryView'>;

// With status=rejected the api lists the refused events one by one (their story: as far as it was
// read, and why), each with a detail page of its own.
function RejectedEvents({ workspaceId }: { workspaceId: string }) {
  const query = { limit: 50, status: 'rejected' as const };
  const rejected = useApiQuery(
    `rejected:${workspaceId}`,
    async () => {
      const events = await call(api.GET('/v1/workspaces/{workspaceId}/events', { params: { path: { workspaceId }, query } }));
      return events.filter((e): e is RejectedEvent => e.status === 'rejected');
    },
    { refreshMs: LIVE_REFRESH_MS },
  );
  return (
    <>
      <ErrorAlert error={rejected.error} />
      {rejected.data && rejected.data.length === 0 && <p>No rejected events.</p>}
      {rejected.data && rejected.data.length > 0 && (
        <DataTable
          caption="Events TrackLayer refused, newest first"
          rows={rejected.data}
          rowKey={(event) => event.id}
          columns={[
            { header: 'Received', cell: (event) => dateTime(event.receivedAt) },
            {
              header: 'Event',
              cell: (event) => <Link href={eventPath(workspaceId, event.id, event.eventId ?? '')}>{event.eventName ?? '(no event name)'}</Link>,
            },
            {
              header: 'Errors',
              cell: (event) =>
                event.errors && event.errors.length > 0 ? (
                  <ul className="problems">
                    {event.errors.map((error) => (
                      <li key={`${error.field}:${error.message}`}>
                        <strong>{error.field}</strong> {error.message}
                      </li>
                    ))}
                  </ul>
                ) : (
                  event.reason ?? ''
                ),
            },
          ]}
        />
      )}
    </>
  );
}

export function EventsPage() {
  const workspace = useWorkspace();
  const path = { workspaceId: workspace.id };
  const [filters, setFilters] = useState<EventFilters>(NO_FILTERS);
  const [eventId, setEventId] = useState('');
  const events = useApiQuery(
    `events:${workspace.id}:${eventId}`,
    () => call(api.GET('/v1/workspaces/{workspaceId}/events', { params: { path, query: { limit: 200, eventId: eventId.trim() || undefined } } })),
    { refreshMs: LIVE_REFRESH_MS },
  );
  const connectors = useApiQuery(`connectors:${workspace.id}`, () => call(api.GET('/v1/workspaces/{workspaceId}/connectors', { params: { path } })));
  // Counts by reason cover every refusal of the period; the list above keeps a bounded number.
  const rejections = useApiQuery(`rejections:${workspace.id}`, () => call(api.GET('/v1/workspaces/{workspaceId}/metrics', { params: { path } })), {
    refreshMs: 15_000,
  });
  const stored = (events.data ?? []).filter((e): e is Schema<'DebuggedEventView'> => e.status === 'accepted' && 'event' in e);
  const shown = filterEvents(stored, filters);
  const set = (change: Partial<EventFilters>) => setFilters((current) => ({ ...current, ...change }));

  return (
    <>
      <h1>Events</h1>
      <p>The events TrackLayer accepted, newest first, as it normalized them and with their delivery to each platform. This list refreshes by itself.</p>

      <section aria-labelledby="filters-heading" className="card">
        <h2 id="filters-heading">Filters</h2>
        <div className="row">
          <TextField label="Event name" value={filters.eventName} onChange={(eventName) => set({ eventName })} />
          <TextField label="Event ID" value={eventId} onChange={setEventId} hint="Exact event_id, searched on the server." />
          <SelectField
            label="Status"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={[
              { value: '', label: 'Any status' },
              { value: 'delivered', label: 'Delivered' },
              { value: 'pending', label: 'Pending' },
              { value: 'rejected', label: 'Rejected by the platform' },
              { value: 'failed', label: 'Failed' },
              { value: 'skipped', label: 'Not sent' },
              { value: 'accepted', label: 'No connector' },
            ]}
          />
          <SelectField
            label="Identifier"
            value={filters.identifier}
            onChange={(identifier) => set({ identifier })}
            options={[
              { value: '', label: 'Any' },
              { value: 'ttclid', label: 'with ttclid' },
              { value: 'ttp', label: 'with ttp' },
              { value: 'fbc', label: 'with fbc' },
              { value: 'fbp', label: 'with fbp' },
              { value: 'email', label: 'with email' },
              { value: 'phone', label: 'with phone' },
              { value: 'ip', label: 'with IP' },
              { value: 'user-agent', label: 'with user agent' },
              { value: 'restored', label: 'with restored click ids' },
            ]}
          />
        </div>
      </section>

      <ErrorAlert error={events.error} />
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">
          Recent events <span className="muted">({events.data ? `${shown.length} of ${events.data.length} shown` : 'loading'})</span>
        </h2>
        {events.data && events.data.length === 0 && (
          <p>No events yet. Install the browser tag or send one with curl (Install page); it shows up here within seconds.</p>
        )}
        {shown.length > 0 && (
          <DataTable
            className="events"
            rows={shown}
            rowKey={(event) => event.id}
            columns={[
              { header: 'Received', cell: (event) => dateTime(event.receivedAt) },
              { header: 'Event', cell: (event) => <Link href={eventPath(workspace.id, event.id, event.eventId)}>{event.eventName}</Link> },
              { header: 'Event ID', cell: (event) => <code>{event.eventId}</code> },
              {
                header: 'Status',
                cell: (event) => {
                  const status = eventStatus(event.deliveries);
                  return <StatusBadge tone={status.tone}>{status.label}</StatusBadge>;
                },
              },
              { header: 'Identifiers', cell: (event) => <EventBadges event={event} /> },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="rejected-heading">
        <h2 id="rejected-heading">Rejected by TrackLayer</h2>
        <p>An event TrackLayer refuses is answered with its errors (one per field), kept without its personal data, and listed here.</p>
        <RejectedEvents workspaceId={workspace.id} />
        <h3>Refusals by reason (last 24 hours)</h3>
        <ErrorAlert error={rejections.error} />
        {rejections.data && rejections.data.rejectionReasons.length === 0 && <p>None in the last 24 hours.</p>}
        {rejections.data && rejections.data.rejectionReasons.length > 0 && (
          <DataTable
            rows={rejections.data.rejectionReasons}
            rowKey={(r) => r.reason}
            columns={[
              { header: 'Reason', cell: (r) => r.reason },
              { header: 'Events', cell: (r) => count(r.count) },
            ]}
          />
        )}
      </section>

      {canOperate(workspace.role) && connectors.data && (
        <section aria-labelledby="replay-heading">
          <h2 id="replay-heading">Replay deliveries</h2>
          <ReplayForm workspaceId={workspace.id} connectors={connectors.data} />
        </section>
      )}
    </>
  );
}
