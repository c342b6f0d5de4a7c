import { useState, type FormEvent } from 'react';
import { api, call, type Schema } from '../../api/api-client';
import { ErrorAlert } from '../../components/error-alert.component';
import { SelectField } from '../../components/select-field.component';
import { TextField } from '../../components/text-field.component';
import { useAction } from '../../data/use-action';

type Connector = Schema<'ConnectorView'>;
type ReplayStatus = NonNullable<Schema<'ReplayDto'>['status']>[number];

const STATUSES: Array<{ value: ReplayStatus; label: string }> = [
  { value: 'failed', label: 'Failed' },
  { value: 'rejected', label: 'Rejected by the platform' },
  { value: 'skipped', label: 'Not sent (dropped by the mapping)' },
  { value: 'delivered', label: 'Delivered (sends them again)' },
];

const localInput = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

// After fixing a token or a mapping: send a connector's deliveries of a time range again.
export function ReplayForm({ workspaceId, connectors }: { workspaceId: string; connectors: Connector[] }) {
  const [connectorId, setConnectorId] = useState(connectors[0]?.id ?? '');
  const [from, setFrom] = useState(() => localInput(new Date(Date.now() - 86_400_000)));
  const [to, setTo] = useState(() => localInput(new Date(Date.now() + 60_000)));
  const [statuses, setStatuses] = useState<ReplayStatus[]>(['failed', 'rejected']);
  const [requeued, setRequeued] = useState<number>();
  const replay = useAction(async () => {
    const answer = await call(
      api.POST('/v1/workspaces/{workspaceId}/connectors/{connectorId}/replay', {
        params: { path: { workspaceId, connectorId } },
        body: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), status: statuses },
      }),
    );
    setRequeued(answer.requeued);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRequeued(undefined);
    void replay.run();
  };
  if (connectors.length === 0) return <p>Connect a platform first: there is nothing to replay.</p>;
  return (
    <form onSubmit={submit} className="card">
      <SelectField label="Connector" value={connectorId} options={connectors.map((c) => ({ value: c.id, label: c.name }))} onChange={setConnectorId} />
      <div className="row">
        <TextField label="From" type="datetime-local" required value={from} onChange={setFrom} />
        <TextField label="To" type="datetime-local" required value={to} onChange={setTo} />
      </div>
      <fieldset>
        <legend>Deliveries to send again</legend>
        {STATUSES.map((status) => (
          <label key={status.value} className="checkbox">
            <input
              type="checkbox"
              checked={statuses.includes(status.value)}
              onChange={(event) =>
                setStatuses((current) => (event.target.checked ? [...current, status.value] : current.filter((s) => s !== status.value)))
              }
            />
            {status.label}
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={replay.error} />
      {requeued !== undefined && <p role="status">{requeued === 1 ? '1 delivery is' : `${requeued} deliveries are`} queued again.</p>}
      <button type="submit" disabled={replay.busy || statuses.length === 0}>
        Replay
      </button>
    </form>
  );
}
