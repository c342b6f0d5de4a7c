import { useEffect, type ReactNode } from 'react';
import { AppShell } from './components/app-shell.component';
import { EventDetailPage } from './pages/events/event-detail.page';
import { EventsPage } from './pages/events/events.page';
import { HealthPage } from './pages/health/health.page';
import { InstallPage } from './pages/install.page';
import { InvitePage } from './pages/invite.page';
import { LoginPage } from './pages/login.page';
import { MembersPage } from './pages/members.page';
import { NewWorkspacePage } from './pages/new-workspace.page';
import { PlatformsPage } from './pages/platforms/platforms.page';
import { SignupPage } from './pages/signup.page';
import { navigate, useLocation } from './routing/router';
import { loginPath, workspacePath, type Route } from './routing/routes';
import { SessionProvider, useSession, type Workspace } from './session/session.context';
import { WorkspaceProvider } from './session/workspace.context';

const TITLES: Partial<Record<Route['name'], string>> = { login: 'Log in', signup: 'Sign up', 'new-workspace': 'New workspace', invite: 'Invitation' };

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function WorkspacePages({ route, workspaces }: { route: Extract<Route, { name: 'workspace' | 'event' }>; workspaces: Workspace[] }) {
  const workspace = workspaces.find((w) => w.id === route.workspaceId);
  if (!workspace) {
    return (
      <AppShell>
        <h1>Workspace not found</h1>
        <p>You are not a member of this workspace (or it was deleted). Choose one of yours above.</p>
      </AppShell>
    );
  }
  const page = route.name === 'event' ? 'events' : route.page;
  let content: ReactNode;
  if (route.name === 'event') content = <EventDetailPage key={route.eventRef} eventRef={route.eventRef} eventId={route.eventId} />;
  else if (route.page === 'platforms') content = <PlatformsPage />;
  else if (route.page === 'install') content = <InstallPage />;
  else if (route.page === 'events') content = <EventsPage />;
  else if (route.page === 'health') content = <HealthPage />;
  else content = <MembersPage />;
  return (
    <WorkspaceProvider key={workspace.id} workspace={workspace}>
      <AppShell workspace={workspace} page={page}>
        {content}
      </AppShell>
    </WorkspaceProvider>
  );
}

function Pages() {
  const { state } = useSession();
  const { url, route } = useLocation();

  useEffect(() => {
    const page = route.name === 'workspace' ? route.page[0].toUpperCase() + route.page.slice(1) : route.name === 'event' ? 'Event' : TITLES[route.name];
    document.title = page ? `${page} · TrackLayer` : 'TrackLayer';
  }, [route]);

  if (state.status === 'loading') return <p className="loading">Loading…</p>;
  if (route.name === 'invite') {
    return state.status === 'signed-in' ? (
      <AppShell>
        <InvitePage token={route.token} />
      </AppShell>
    ) : (
      <main id="main" className="auth-page">
        <InvitePage token={route.token} />
      </main>
    );
  }
  if (state.status === 'anonymous') {
    if (route.name === 'signup') return <SignupPage next={route.next} />;
    if (route.name === 'login') return <LoginPage next={route.next} />;
    return <Redirect to={loginPath(url)} />;
  }
  const home = state.workspaces[0] ? workspacePath(state.workspaces[0].id, 'platforms') : '/workspaces/new';
  switch (route.name) {
    case 'home':
    case 'login':
    case 'signup':
      return <Redirect to={'next' in route && route.next ? route.next : home} />;
    case 'new-workspace':
      return (
        <AppShell>
          <NewWorkspacePage />
        </AppShell>
      );
    case 'workspace':
    case 'event':
      return <WorkspacePages route={route} workspaces={state.workspaces} />;
    case 'not-found':
      return (
        <AppShell>
          <h1>Page not found</h1>
          <p>There is no dashboard page at this address.</p>
        </AppShell>
      );
  }
}

export function App() {
  return (
    <SessionProvider>
      <Pages />
    </SessionProvider>
  );
}
