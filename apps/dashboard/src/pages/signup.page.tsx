import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/error-alert.component';
import { TextField } from '../components/text-field.component';
import { useAction } from '../data/use-action';
import { Link, navigate } from '../routing/router';
import { loginPath, workspacePath } from '../routing/routes';
import { useSession } from '../session/session.context';

export function SignupPage({ next }: { next?: string }) {
  const { signUp } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const signup = useAction(async () => {
    const workspace = await signUp(email, password, workspaceName);
    // The guide's first step after signing up: connect TikTok.
    navigate(next ?? workspacePath(workspace.id, 'platforms'), { replace: true });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signup.run();
  };
  return (
    <main id="main" className="auth-page">
      <h1>Sign up for TrackLayer</h1>
      <form onSubmit={submit} className="card">
        <TextField label="Email" type="email" autoComplete="username" required value={email} onChange={setEmail} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={password}
          onChange={setPassword}
          hint="At least 10 characters."
        />
        <TextField
          label="Workspace name"
          required
          value={workspaceName}
          onChange={setWorkspaceName}
          hint="Your shop or site; you can add more workspaces later."
        />
        <ErrorAlert error={signup.error} />
        <button type="submit" disabled={signup.busy}>
          Sign up
        </button>
      </form>
      <p>
        Already have an account? <Link href={loginPath(next)}>Log in</Link>
      </p>
    </main>
  );
}
