import { useId, type ReactNode } from 'react';
import { WORKSPACE_PAGES, workspacePath, type WorkspacePage } from '../routing/routes';
import { Link, navigate } from '../routing/router';
import { useSession, type Workspace } from '../session/session.context';

const PAGE_TITLES: Record<WorkspacePage, string> = {
  platforms: 'Platforms',
  install: 'Install',
  events: 'Events',
  health: 'Health',
  members: 'Members',
};

// Header (workspace switcher, the workspace's pages, log out) around every signed-in page.
export function AppShell({ workspace, page, children }: { workspace?: Workspace; page?: WorkspacePage; children: ReactNode }) {
  const { state, logOut } = useSession();
  const switcherId = useId();
  if (state.status !== 'signed-in') return <>{children}</>;
  const switchTo = (id: string) => {
    if (id === '__new') navigate('/workspaces/new');
    else navigate(workspacePath(id, page ?? 'platforms'));
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          TrackLayer
        </Link>
        <div className="workspace-switcher">
          <label htmlFor={switcherId}>Workspace</label>
          <select id={switcherId} value={workspace?.id ?? ''} onChange={(event) => switchTo(event.target.value)}>
            {!workspace && <option value="">Choose a workspace</option>}
            {state.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({w.role})
              </option>
            ))}
            <option value="__new">New workspace…</option>
          </select>
        </div>
        <div className="account">
          <span>{state.user.email}</span>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              void logOut().then(() => navigate('/login'));
            }}
          >
            Log out
          </button>
        </div>
      </header>
      {workspace && (
        <nav className="app-nav" aria-label="Workspace pages">
          <ul>
            {WORKSPACE_PAGES.map((p) => (
              <li key={p}>
                <Link href={workspacePath(workspace.id, p)} aria-current={p === page ? 'page' : undefined}>
                  {PAGE_TITLES[p]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
