// The dashboard's pages and their URLs. The api answers index.html for exactly these prefixes
// (apps/api/src/dashboard/dashboard-headers.ts), so a reload or a shared link lands on the page.
export const WORKSPACE_PAGES = ['platforms', 'install', 'events', 'health', 'members'] as const;
export type WorkspacePage = (typeof WORKSPACE_PAGES)[number];

export type Route =
  | { name: 'home' }
  | { name: 'login'; next?: string }
  | { name: 'signup'; next?: string }
  | { name: 'new-workspace' }
  | { name: 'invite'; token: string }
  | { name: 'workspace'; workspaceId: string; page: WorkspacePage }
  | { name: 'event'; workspaceId: string; eventRef: string; eventId?: string }
  | { name: 'not-found' };

const safeNext = (value: string | null): string | undefined => (value && value.startsWith('/') && !value.startsWith('//') ? value : undefined);

export function parseRoute(pathname: string, search = ''): Route {
  const query = new URLSearchParams(search);
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 1 && parts[0] === 'login') return { name: 'login', next: safeNext(query.get('next')) };
  if (parts.length === 1 && parts[0] === 'signup') return { name: 'signup', next: safeNext(query.get('next')) };
  if (parts.length === 2 && parts[0] === 'workspaces' && parts[1] === 'new') return { name: 'new-workspace' };
  if (parts.length === 2 && parts[0] === 'invite') return { name: 'invite', token: parts[1] };
  if (parts[0] === 'w' && parts.length >= 2) {
    const [, workspaceId, page = 'platforms', ref] = parts;
    if (page === 'events' && ref && parts.length === 4) {
      return { name: 'event', workspaceId, eventRef: ref, eventId: query.get('eventId') ?? undefined };
    }
    if (parts.length <= 3 && (WORKSPACE_PAGES as readonly string[]).includes(page)) {
      return { name: 'workspace', workspaceId, page: page as WorkspacePage };
    }
  }
  return { name: 'not-found' };
}

export function workspacePath(workspaceId: string, page: WorkspacePage): string {
  return `/w/${encodeURIComponent(workspaceId)}/${page}`;
}

export function eventPath(workspaceId: string, eventRef: string, eventId: string): string {
  return `${workspacePath(workspaceId, 'events')}/${encodeURIComponent(eventRef)}?eventId=${encodeURIComponent(eventId)}`;
}

export function loginPath(next?: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
