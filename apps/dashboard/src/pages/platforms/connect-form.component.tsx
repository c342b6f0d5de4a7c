import { useId, useState, type FormEvent } from 'react';
import { api, call, type Schema } from '../../api/api-client';
import { ErrorAlert } from '../../components/error-alert.component';
import { TextField } from '../../components/text-field.component';
import { useAction } from '../../data/use-action';

type Platform = Schema<'PlatformView'>;

// Rendered from the platform's credential fields (GET /v1/platforms), so a platform the api adds
// (Meta: pixelId instead of pixelCode) gets its form without a dashboard change. Saving sends one
// test event with these credentials: nothing is stored unless the platform accepts it.
export function ConnectForm({ platform, workspaceId, onConnected }: { platform: Platform; workspaceId: string; onConnected: () => void }) {
  const headingId = useId();
  const [name, setName] = useState(platform.name);
  const [values, setValues] = useState<Record<string, string>>({});
  const connect = useAction(async () => {
    const credentials = Object.fromEntries(platform.credentialFields.map((f) => [f.name, (values[f.name] ?? '').trim()]).filter(([, v]) => v !== ''));
    // The body's credential fields are the platform's (API.md); the generated type knows TikTok's.
    const body = { platform: platform.id, name, ...credentials } as Schema<'CreateConnectorDto'>;
    await call(api.POST('/v1/workspaces/{workspaceId}/connectors', { params: { path: { workspaceId } }, body }));
    setValues({});
    onConnected();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void connect.run();
  };
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Connect {platform.name}</h2>
      <p>
        Paste the values from {platform.name}&rsquo;s Events Manager. TrackLayer checks them with {platform.name} before saving, by sending one test
        event; if {platform.name} refuses, its answer is shown here and nothing is saved.
      </p>
      <form onSubmit={submit}>
        <TextField label="Connector name" required value={name} onChange={setName} hint="To tell several pixels apart." />
        {platform.credentialFields.map((field) => (
          <TextField
            key={field.name}
            label={field.label}
            required={field.required}
            type={field.secret ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            value={values[field.name] ?? ''}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
            hint={field.help}
          />
        ))}
        <ErrorAlert error={connect.error} platformName={platform.name} />
        <button type="submit" disabled={connect.busy}>
          {connect.busy ? `Checking with ${platform.name}…` : 'Connect'}
        </button>
      </form>
    </section>
  );
}
