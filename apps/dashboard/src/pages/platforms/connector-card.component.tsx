import { useId, useState, type FormEvent } from 'react';
import { api, call, type Schema } from '../../api/api-client';
import { ErrorAlert } from '../../components/error-alert.component';
import { SelectField } from '../../components/select-field.component';
import { StatusBadge } from '../../components/status-badge.component';
import { TextField } from '../../components/text-field.component';
import { useAction } from '../../data/use-action';
import { dateTime } from '../../model/format';
import { canManage, canOperate } from '../../model/roles';
import { useWorkspace } from '../../session/workspace.context';
import { EventMappingEditor } from './event-mapping-editor.component';

type Connector = Schema<'ConnectorView'>;
type Platform = Schema<'PlatformView'>;
type Patch = Schema<'UpdateConnectorDto'>;

function LastValidation({ connector, platform }: { connector: Connector; platform: Platform }) {
  const v = connector.lastValidation;
  if (!v) return <>never checked</>;
  return (
    <>
      <StatusBadge tone={v.ok ? 'ok' : 'fail'}>{v.ok ? 'accepted' : 'refused'}</StatusBadge> {dateTime(v.at)}: {platform.name} said &ldquo;{v.message}&rdquo;
      {v.code !== null && <> (code {v.code})</>}
    </>
  );
}

export function ConnectorCard({ connector, platform, onChanged }: { connector: Connector; platform: Platform; onChanged: () => void }) {
  const workspace = useWorkspace();
  const headingId = useId();
  const manage = canManage(workspace.role);
  const path = { workspaceId: workspace.id, connectorId: connector.id };
  const [testEventCode, setTestEventCode] = useState(connector.testEventCode ?? '');
  const [newToken, setNewToken] = useState('');
  const [options, setOptions] = useState(connector.options);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const patch = useAction(async (body: Patch) => {
    await call(api.PATCH('/v1/workspaces/{workspaceId}/connectors/{connectorId}', { params: { path }, body }));
    onChanged();
  });
  const validate = useAction(async () => {
    try {
      await call(api.POST('/v1/workspaces/{workspaceId}/connectors/{connectorId}/validate', { params: { path } }));
    } finally {
      // A refusal is recorded too (the connector turns invalid): show it either way.
      onChanged();
    }
  });
  const remove = useAction(async () => {
    await call(api.DELETE('/v1/workspaces/{workspaceId}/connectors/{connectorId}', { params: { path } }));
    onChanged();
  });

  const saveTestEventCode = (event: FormEvent) => {
    event.preventDefault();
    void patch.run({ testEventCode: testEventCode.trim() });
  };
  const replaceToken = (event: FormEvent) => {
    event.preventDefault();
    void patch.run({ accessToken: newToken.trim() }).then((ok) => ok && setNewToken(''));
  };

  return (
    <article className="card connector" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {connector.name}{' '}
        <StatusBadge tone={connector.status === 'active' ? 'ok' : 'fail'}>{connector.status === 'active' ? 'Active' : 'Invalid'}</StatusBadge>
      </h3>
      <dl className="facts">
        <dt>Platform</dt>
        <dd>{platform.name}</dd>
        <dt>Pixel</dt>
        <dd>
          <code>{connector.pixelCode}</code>
        </dd>
        <dt>Access token</dt>
        <dd>
          ending in <code>{connector.accessTokenHint.replace('…', '')}</code> (never shown again)
        </dd>
        {connector.status === 'invalid' && (
          <>
            <dt>Why invalid</dt>
            <dd>{connector.statusReason ?? `${platform.name} refused the credentials`}: deliveries wait until the token is fixed.</dd>
          </>
        )}
        <dt>Last validation</dt>
        <dd>
          <LastValidation connector={connector} platform={platform} />
        </dd>
        <dt>Test event code</dt>
        <dd>{connector.testEventCode ? <code>{connector.testEventCode}</code> : 'none: events count in reporting'}</dd>
      </dl>

      {connector.testEventCode && (
        <p className="alert alert-warn">
          Events go to {platform.name}&rsquo;s Test Events tab while the test event code {connector.testEventCode} is set, not to your reports.
          Clear it once the test events look right.
        </p>
      )}

      <ErrorAlert error={validate.error ?? patch.error ?? remove.error} platformName={platform.name} />

      {canOperate(workspace.role) && (
        <div className="actions">
          <button type="button" className="secondary" disabled={validate.busy} onClick={() => void validate.run()}>
            {validate.busy ? 'Checking…' : 'Re-validate'}
          </button>
          {manage && connector.testEventCode && (
            <button type="button" className="secondary" disabled={patch.busy} onClick={() => void patch.run({ testEventCode: '' }).then(() => setTestEventCode(''))}>
              Clear test event code
            </button>
          )}
          {manage && !confirmingDelete && (
            <button type="button" className="danger" onClick={() => setConfirmingDelete(true)}>
              Delete
            </button>
          )}
        </div>
      )}
      {confirmingDelete && (
        <div className="alert alert-warn" role="group" aria-label="Confirm deletion">
          <p>Delete {connector.name}? Events stop going to this pixel; nothing already sent is undone.</p>
          <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>
            Yes, delete {connector.name}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirmingDelete(false)}>
            Cancel
          </button>
        </div>
      )}

      {manage && (
        <details>
          <summary>Settings</summary>
          <form onSubmit={saveTestEventCode} className="inline-form">
            <TextField
              label="Test event code"
              value={testEventCode}
              onChange={setTestEventCode}
              hint={`From ${platform.name} Events Manager > Test Events. Leave empty to send to reporting.`}
            />
            <button type="submit" className="secondary" disabled={patch.busy}>
              Save test event code
            </button>
          </form>
          <form onSubmit={replaceToken} className="inline-form">
            <TextField
              label="New access token"
              type="password"
              autoComplete="off"
              required
              value={newToken}
              onChange={setNewToken}
              hint={`Checked with ${platform.name} before it replaces the current one.`}
            />
            <button type="submit" className="secondary" disabled={patch.busy}>
              Replace token
            </button>
          </form>
          <fieldset>
            <legend>Options</legend>
            <label className="checkbox">
              <input type="checkbox" checked={options.sendIp} onChange={(event) => setOptions({ ...options, sendIp: event.target.checked })} />
              Send the visitor&rsquo;s IP address
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={options.sendUserAgent}
                onChange={(event) => setOptions({ ...options, sendUserAgent: event.target.checked })}
              />
              Send the visitor&rsquo;s user agent
            </label>
            <SelectField
              label={`Events without a ${platform.name} name`}
              value={options.unmappedEvents ?? 'send'}
              options={[
                { value: 'send', label: 'Send them as custom events' },
                { value: 'drop', label: 'Drop them (and count them)' },
              ]}
              onChange={(unmappedEvents) => setOptions({ ...options, unmappedEvents })}
            />
            <button type="button" className="secondary" disabled={patch.busy} onClick={() => void patch.run({ options })}>
              Save options
            </button>
          </fieldset>
        </details>
      )}
      {!manage && (
        <p>
          Options: IP address {connector.options.sendIp ? 'sent' : 'not sent'}, user agent {connector.options.sendUserAgent ? 'sent' : 'not sent'},
          events without a {platform.name} name {connector.options.unmappedEvents === 'drop' ? 'dropped' : 'sent as custom events'}.
        </p>
      )}

      <EventMappingEditor connector={connector} platform={platform} workspaceId={workspace.id} editable={manage} onSaved={onChanged} />
    </article>
  );
}
