import { useState, type FormEvent } from 'react';
import { api, call, type Schema } from '../api/api-client';
import { CopyButton } from '../components/copy-button.component';
import { DataTable } from '../components/data-table.component';
import { ErrorAlert } from '../components/error-alert.component';
import { SelectField } from '../components/select-field.component';
import { TextField } from '../components/text-field.component';
import { useAction } from '../data/use-action';
import { useApiQuery } from '../data/use-api-query';
import { dateTime } from '../model/format';
import { assignableRoles, canManage, ROLE_WORDS, type Role } from '../model/roles';
import { navigate } from '../routing/router';
import { useSession } from '../session/session.context';
import { useWorkspace } from '../session/workspace.context';

type CreatedInvitation = Schema<'CreatedInvitationView'>;

function Invitations({ workspaceId, manage, created }: { workspaceId: string; manage: boolean; created: CreatedInvitation | undefined }) {
  const path = { workspaceId };
  const invitations = useApiQuery(`invitations:${workspaceId}:${created?.invitation.id ?? ''}`, () =>
    call(api.GET('/v1/workspaces/{workspaceId}/invitations', { params: { path } })),
  );
  const revoke = useAction(async (invitationId: string) => {
    await call(api.DELETE('/v1/workspaces/{workspaceId}/invitations/{invitationId}', { params: { path: { ...path, invitationId } } }));
    await invitations.reload();
  });
  const pending = (invitations.data ?? []).filter((i) => !i.acceptedAt && !i.revokedAt);
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Pending invitations</h2>
      <ErrorAlert error={invitations.error ?? revoke.error} />
      {pending.length === 0 && <p>None.</p>}
      <ul>
        {pending.map((invitation) => (
          <li key={invitation.id}>
            {invitation.email} as {invitation.role}, expires {dateTime(invitation.expiresAt)}{' '}
            {manage && (
              <button type="button" className="danger" aria-label={`Revoke the invitation of ${invitation.email}`} onClick={() => void revoke.run(invitation.id)}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MembersPage() {
  const workspace = useWorkspace();
  const { state, refreshWorkspaces } = useSession();
  const me = state.status === 'signed-in' ? state.user.id : undefined;
  const manage = canManage(workspace.role);
  const roles = assignableRoles(workspace.role);
  const path = { workspaceId: workspace.id };
  const members = useApiQuery(`members:${workspace.id}`, () => call(api.GET('/v1/workspaces/{workspaceId}/members', { params: { path } })));
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<CreatedInvitation>();

  const invite = useAction(async () => {
    setCreated(await call(api.POST('/v1/workspaces/{workspaceId}/invitations', { params: { path }, body: { email, role } })));
    setEmail('');
  });
  const changeRole = useAction(async (userId: string, next: Role) => {
    await call(api.PATCH('/v1/workspaces/{workspaceId}/members/{userId}', { params: { path: { ...path, userId } }, body: { role: next } }));
    await members.reload();
    if (userId === me) await refreshWorkspaces();
  });
  const remove = useAction(async (userId: string) => {
    await call(api.DELETE('/v1/workspaces/{workspaceId}/members/{userId}', { params: { path: { ...path, userId } } }));
    if (userId === me) {
      await refreshWorkspaces();
      navigate('/');
      return;
    }
    await members.reload();
  });
  const editable = (member: { role: Role; userId: string }) => manage && roles.includes(member.role) && member.userId !== me;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    void invite.run();
  };

  return (
    <>
      <h1>Members</h1>
      <p>Who can see and change this workspace. You are {workspace.role}: {ROLE_WORDS[workspace.role]}.</p>
      {manage && (
        <section aria-labelledby="invite-heading" className="card">
          <h2 id="invite-heading">Invite someone</h2>
          <form onSubmit={submit}>
            <TextField
              label="Email"
              type="email"
              required
              value={email}
              onChange={setEmail}
              hint="They get a link to accept, signed in with this email (with an account or not yet)."
            />
            <SelectField label="Role" value={role} onChange={setRole} options={roles.map((r) => ({ value: r, label: ROLE_WORDS[r] }))} />
            <ErrorAlert error={invite.error} />
            <button type="submit" disabled={invite.busy}>
              Invite
            </button>
          </form>
          {created && (
            <div className="alert alert-success" role="status">
              <p>
                Send this link to {created.invitation.email}; it is shown only now: <code>{new URL(created.acceptUrl, window.location.origin).toString()}</code>
              </p>
              <CopyButton text={new URL(created.acceptUrl, window.location.origin).toString()} label="Copy invitation link" />
            </div>
          )}
        </section>
      )}
      <ErrorAlert error={members.error ?? changeRole.error ?? remove.error} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <DataTable
          rows={members.data ?? []}
          rowKey={(member) => member.userId}
          columns={[
            { header: 'Email', cell: (member) => member.email },
            {
              header: 'Role',
              cell: (member) =>
                editable(member) ? (
                  <label className="cell-label">
                    Role<span className="visually-hidden"> of {member.email}</span>
                    <select value={member.role} onChange={(event) => void changeRole.run(member.userId, event.target.value as Role)}>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : (
                  member.role
                ),
            },
            { header: 'Member since', cell: (member) => dateTime(member.createdAt) },
            {
              header: 'Action',
              cell: (member) => (
                <>
                  {editable(member) && (
                    <button type="button" className="danger" onClick={() => void remove.run(member.userId)}>
                      Remove {member.email}
                    </button>
                  )}
                  {member.userId === me && (
                    <button type="button" className="secondary" onClick={() => void remove.run(member.userId)}>
                      Leave this workspace
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
      </section>
      <Invitations workspaceId={workspace.id} manage={manage} created={created} />
    </>
  );
}
