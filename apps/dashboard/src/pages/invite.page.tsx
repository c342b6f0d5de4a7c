import { api, call } from '../api/api-client';
import { ErrorAlert } from '../components/error-alert.component';
import { useAction } from '../data/use-action';
import { Link, navigate } from '../routing/router';
import { loginPath, workspacePath } from '../routing/routes';
import { useSession } from '../session/session.context';

// The link an admin shares (/invite/<token>): accepting joins the workspace with the invited
// role; the api checks that the signed-in email is the invited one.
export function InvitePage({ token }: { token: string }) {
  const { state, refreshWorkspaces } = useSession();
  const here = `/invite/${encodeURIComponent(token)}`;
  const accept = useAction(async () => {
    const membership = await call(api.POST('/v1/invitations/{token}/accept', { params: { path: { token } } }));
    await refreshWorkspaces();
    navigate(workspacePath(membership.id, 'platforms'));
  });
  if (state.status !== 'signed-in') {
    return (
      <>
        <h1>You are invited to a TrackLayer workspace</h1>
        <p>
          <Link href={loginPath(here)}>Log in</Link> or <Link href={`/signup?next=${encodeURIComponent(here)}`}>sign up</Link> with the email the
          invitation was sent to, then accept it.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Accept the invitation</h1>
      <p>You are signed in as {state.user.email}. Accepting adds you to the workspace with the role you were invited with.</p>
      <ErrorAlert error={accept.error} />
      <button type="button" disabled={accept.busy} onClick={() => void accept.run()}>
        Accept invitation
      </button>
    </>
  );
}
