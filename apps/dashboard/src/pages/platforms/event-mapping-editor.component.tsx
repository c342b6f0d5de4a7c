import { useId, useState } from 'react';
import { api, call, type Schema } from '../../api/api-client';
import { DataTable } from '../../components/data-table.component';
import { ErrorAlert } from '../../components/error-alert.component';
import { StatusBadge } from '../../components/status-badge.component';
import { useAction } from '../../data/use-action';
import { mappingDraftProblems, mappingFromDraft, mappingRows, type MappingDraftEntry } from '../../model/event-mapping';

type Connector = Schema<'ConnectorView'>;
type Platform = Schema<'PlatformView'>;

function NonStandard({ platform }: { platform: Platform }) {
  return <StatusBadge tone="warn">not a {platform.name} standard event: sent as a custom event</StatusBadge>;
}

export function EventMappingEditor({
  connector,
  platform,
  workspaceId,
  editable,
  onSaved,
}: {
  connector: Connector;
  platform: Platform;
  workspaceId: string;
  editable: boolean;
  onSaved: () => void;
}) {
  const headingId = useId();
  const listId = useId();
  const [draft, setDraft] = useState<MappingDraftEntry[]>(() => Object.entries(connector.eventMapping).map(([source, target]) => ({ source, target })));
  const known = new Set(platform.eventNames);
  const problems = mappingDraftProblems(draft);
  const rows = mappingRows(platform.defaultEventNames, connector.eventMapping, platform.eventNames);
  const save = useAction(async () => {
    await call(
      api.PATCH('/v1/workspaces/{workspaceId}/connectors/{connectorId}', {
        params: { path: { workspaceId, connectorId: connector.id } },
        body: { eventMapping: mappingFromDraft(draft) },
      }),
    );
    onSaved();
  });
  const update = (index: number, change: Partial<MappingDraftEntry>) =>
    setDraft((entries) => entries.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));

  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId}>Event-name mapping</h4>
      <p>
        Your event names become {platform.name}&rsquo;s by this table: your own entries first, then the defaults. A name found nowhere is sent
        unchanged ({connector.options.unmappedEvents === 'drop' ? 'dropped, by this connector\u2019s options' : 'as a custom event'}).
      </p>
      {editable ? (
        <div className="mapping-draft">
          <datalist id={listId}>
            {platform.eventNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          {draft.length === 0 && <p>This connector uses the defaults only.</p>}
          {draft.map((entry, index) => (
            <div className="mapping-row" key={index}>
              <label>
                Your event name
                <input value={entry.source} onChange={(event) => update(index, { source: event.target.value })} />
              </label>
              <label>
                {platform.name} event name
                <input list={listId} value={entry.target} onChange={(event) => update(index, { target: event.target.value })} />
              </label>
              {entry.target.trim() && !known.has(entry.target.trim()) && <NonStandard platform={platform} />}
              <button type="button" className="secondary" onClick={() => setDraft((entries) => entries.filter((_, i) => i !== index))}>
                Remove row {index + 1}
              </button>
            </div>
          ))}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setDraft((entries) => [...entries, { source: '', target: '' }])}>
              Add a mapping
            </button>
            <button type="button" disabled={save.busy || problems.length > 0} onClick={() => void save.run()}>
              Save mapping
            </button>
          </div>
          {problems.length > 0 && (
            <ul className="problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <ErrorAlert error={save.error} />
        </div>
      ) : null}
      <details>
        <summary>The whole table ({rows.length} names)</summary>
        <DataTable
          caption={`Event names and the ${platform.name} names they are sent as`}
          rows={rows}
          rowKey={(row) => `${row.origin}:${row.source}`}
          rowClassName={(row) => (row.overridden ? 'overridden' : undefined)}
          columns={[
            { header: 'Your event name', cell: (row) => <code>{row.source}</code> },
            {
              header: `${platform.name} event name`,
              cell: (row) => (
                <>
                  <code>{row.target}</code> {!row.standard && <NonStandard platform={platform} />}
                </>
              ),
            },
            { header: 'From', cell: (row) => (row.origin === 'connector' ? 'this connector' : row.overridden ? 'default (overridden)' : 'default') },
          ]}
        />
        <p>{platform.name}&rsquo;s own names pass through unchanged; the defaults match your names without regard to case.</p>
      </details>
    </section>
  );
}
