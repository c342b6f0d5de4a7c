import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/error-alert.component';
import { TextField } from '../components/text-field.component';
import { useAction } from '../data/use-action';
import { Link, navigate } from '../routing/router';
import { workspacePath } from '../routing/routes';
import { useSession } from '../session/session.context';

export function LoginPage({ next }: { next?: string }) {
  const { logIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction(async () => {
    const workspaces = await logIn(email, password);
    navigate(next ?? (workspaces[0] ? workspacePath(workspaces[0].id, 'platforms') : '/workspaces/new'), { replace: true });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void login.run();
  };
  return (
    <main id="main" className="auth-page">
      <h1>Log in to TrackLayer</h1>
      <form onSubmit={submit} className="card">
        <TextField label="Email" type="email" autoComplete="username" required value={email} onChange={setEmail} />
        <TextField label="Password" type="password" autoComplete="current-password" required value={password} onChange={setPassword} />
        <ErrorAlert error={login.error} />
        <button type="submit" disabled={login.busy}>
          Log in
        </button>
      </form>
      <p>
        New to TrackLayer? <Link href={next ? `/signup?next=${encodeURIComponent(next)}` : '/signup'}>Sign up</Link>
      </p>
    </main>
  );
}
