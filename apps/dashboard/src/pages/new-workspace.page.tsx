import { useState, type FormEvent } from 'react';
import { api, call } from '../api/api-client';
import { ErrorAlert } from '../components/error-alert.component';
import { TextField } from '../components/text-field.component';
import { useAction } from '../data/use-action';
import { navigate } from '../routing/router';
import { workspacePath } from '../routing/routes';
import { useSession } from '../session/session.context';

export function NewWorkspacePage() {
  const { refreshWorkspaces } = useSession();
  const [name, setName] = useState('');
  const create = useAction(async () => {
    const workspace = await call(api.POST('/v1/workspaces', { body: { name } }));
    await refreshWorkspaces();
    navigate(workspacePath(workspace.id, 'platforms'));
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <>
      <h1>New workspace</h1>
      <p>A workspace holds one shop&rsquo;s connectors, ingest keys, events and members. You become its owner.</p>
      <form onSubmit={submit} className="card">
        <TextField label="Workspace name" required value={name} onChange={setName} />
        <ErrorAlert error={create.error} />
        <button type="submit" disabled={create.busy}>
          Create workspace
        </button>
      </form>
    </>
  );
}
