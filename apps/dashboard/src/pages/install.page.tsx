import { useState, type FormEvent } from 'react';
import { api, apiHas, call, type Schema } from '../api/api-client';
import { CodeBlock } from '../components/code-block.component';
import { CopyButton } from '../components/copy-button.component';
import { DataTable } from '../components/data-table.component';
import { ErrorAlert } from '../components/error-alert.component';
import { StatusBadge } from '../components/status-badge.component';
import { TextField } from '../components/text-field.component';
import { useAction } from '../data/use-action';
import { useApiQuery } from '../data/use-api-query';
import { dateTime } from '../model/format';
import { browserTag, hostChanges, KEY_PLACEHOLDER, purchaseCall, serverCurl } from '../model/install-snippets';
import { canManage } from '../model/roles';
import { useWorkspace } from '../session/workspace.context';

type CreatedKey = Schema<'CreatedIngestKeyView'>;

export function InstallPage() {
  const workspace = useWorkspace();
  const manage = canManage(workspace.role);
  const path = { workspaceId: workspace.id };
  const keys = useApiQuery(`keys:${workspace.id}`, () => call(api.GET('/v1/workspaces/{workspaceId}/ingest-keys', { params: { path } })));
  const [name, setName] = useState('Website');
  // The full key exists in this page's memory only, from its creation until the page is left.
  const [created, setCreated] = useState<CreatedKey>();
  const create = useAction(async () => {
    setCreated(await call(api.POST('/v1/workspaces/{workspaceId}/ingest-keys', { params: { path }, body: { name } })));
    await keys.reload();
  });
  const revoke = useAction(async (keyId: string) => {
    await call(api.DELETE('/v1/workspaces/{workspaceId}/ingest-keys/{keyId}', { params: { path: { ...path, keyId } } }));
    if (created?.id === keyId) setCreated(undefined);
    await keys.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  const origin = window.location.origin;
  const key = created?.key ?? KEY_PLACEHOLDER;
  const changes = hostChanges(origin, key, (operation) => apiHas(operation as Parameters<typeof apiHas>[0]));

  return (
    <>
      <h1>Install</h1>
      <p>Send each event once to TrackLayer, from the browser, your server, or an analytics client you already use. An ingest key tells TrackLayer the workspace.</p>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Ingest keys</h2>
        {manage && (
          <form onSubmit={submit} className="inline-form">
            <TextField label="Key name" required value={name} onChange={setName} hint="Where the key is used, e.g. Website or Order server." />
            <button type="submit" disabled={create.busy}>
              Create key
            </button>
          </form>
        )}
        <ErrorAlert error={create.error ?? revoke.error ?? keys.error} />
        {created && (
          <div className="alert alert-success" role="status">
            <p>
              <strong>Copy the key {created.name} now:</strong> TrackLayer keeps only a hash of it, so it is never shown again. The snippets below
              have it filled in.
            </p>
            <p>
              <code className="secret" aria-label="The new ingest key">
                {created.key}
              </code>{' '}
              <CopyButton text={created.key} label="Copy key" />
            </p>
          </div>
        )}
        {keys.data && keys.data.length === 0 && <p>No keys yet.</p>}
        {keys.data && keys.data.length > 0 && (
          <DataTable
            rows={keys.data}
            rowKey={(k) => k.id}
            columns={[
              { header: 'Name', cell: (k) => k.name },
              { header: 'Key starts with', cell: (k) => <code>{k.prefix}…</code> },
              { header: 'Created', cell: (k) => dateTime(k.createdAt) },
              { header: 'Last used', cell: (k) => dateTime(k.lastUsedAt) },
              {
                header: 'Status',
                cell: (k) => (k.revokedAt ? <StatusBadge tone="neutral">Revoked {dateTime(k.revokedAt)}</StatusBadge> : <StatusBadge tone="ok">Active</StatusBadge>),
              },
              manage && {
                header: 'Action',
                cell: (k) =>
                  !k.revokedAt && (
                    <button type="button" className="danger" aria-label={`Revoke ${k.name} (${k.prefix}…)`} disabled={revoke.busy} onClick={() => void revoke.run(k.id)}>
                      Revoke
                    </button>
                  ),
              },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="snippets-heading">
        <h2 id="snippets-heading">Snippets</h2>
        {!created && <p>Create a key to have it filled into the snippets; until then they say {KEY_PLACEHOLDER}.</p>}
        <CodeBlock title="Browser tag" code={browserTag(origin, key)} copyLabel="Copy browser tag">
          <p>
            In the <code>&lt;head&gt;</code> of every page, landing pages and checkout included. It keeps TikTok&rsquo;s <code>ttclid</code> from the
            ad click and the <code>_ttp</code> cookie, and sends a page view.
          </p>
        </CodeBlock>
        <CodeBlock title="A purchase from the browser" code={purchaseCall()} copyLabel="Copy purchase call">
          <p>
            On the order confirmation page. Plain email and phone are fine: TrackLayer trims, lower-cases and hashes them. Give phone numbers their
            country code (E.164, e.g. +44&hellip;): a number without one cannot be matched unless the workspace has a default country.
          </p>
        </CodeBlock>
        <CodeBlock title="Server-side (curl)" code={serverCurl(origin, key)} copyLabel="Copy curl command">
          <p>From your server, pass the visitor&rsquo;s IP and user agent, and the browser&rsquo;s anonymous id so its click ids are restored.</p>
        </CodeBlock>
        <h3>Existing analytics clients</h3>
        <p>
          Keep your tracking code and change one line: the events then come to TrackLayer. Bundle analytics.js from npm: Segment&rsquo;s CDN knows
          only Segment write keys.
        </p>
        {changes.length === 0 ? (
          <p>This TrackLayer takes events at /v1/ingest only; drop-in endpoints for Segment, RudderStack and GA4 clients are not served here.</p>
        ) : (
          changes.map((change) => <CodeBlock key={change.client} title={change.client} code={change.code} copyLabel={`Copy ${change.client} line`} />)
        )}
      </section>
    </>
  );
}
