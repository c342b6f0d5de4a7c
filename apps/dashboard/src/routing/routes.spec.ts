import { eventPath, loginPath, parseRoute, workspacePath } from './routes';

describe('parseRoute', () => {
  it('knows every page', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('/login', '?next=/w/1/health')).toEqual({ name: 'login', next: '/w/1/health' });
    expect(parseRoute('/signup')).toEqual({ name: 'signup', next: undefined });
    expect(parseRoute('/workspaces/new')).toEqual({ name: 'new-workspace' });
    expect(parseRoute('/invite/abc')).toEqual({ name: 'invite', token: 'abc' });
    expect(parseRoute('/w/ws1')).toEqual({ name: 'workspace', workspaceId: 'ws1', page: 'platforms' });
    expect(parseRoute('/w/ws1/health/')).toEqual({ name: 'workspace', workspaceId: 'ws1', page: 'health' });
    expect(parseRoute('/w/ws1/events/ref-1', '?eventId=order%201')).toEqual({
      name: 'event',
      workspaceId: 'ws1',
      eventRef: 'ref-1',
      eventId: 'order 1',
    });
    expect(parseRoute('/w/ws1/nope')).toEqual({ name: 'not-found' });
    expect(parseRoute('/w/ws1/health/x')).toEqual({ name: 'not-found' });
  });

  it('only follows a "next" that stays on this site', () => {
    expect(parseRoute('/login', '?next=https://evil.example')).toEqual({ name: 'login', next: undefined });
    expect(parseRoute('/login', '?next=//evil.example/x')).toEqual({ name: 'login', next: undefined });
  });

  it('builds the paths it parses', () => {
    expect(parseRoute(workspacePath('a b', 'members'))).toEqual({ name: 'workspace', workspaceId: 'a b', page: 'members' });
    const url = new URL(eventPath('ws', 'ref', 'order/1'), 'http://x');
    expect(parseRoute(url.pathname, url.search)).toEqual({ name: 'event', workspaceId: 'ws', eventRef: 'ref', eventId: 'order/1' });
    expect(loginPath('/w/1/events')).toBe('/login?next=%2Fw%2F1%2Fevents');
    expect(loginPath('/')).toBe('/login');
  });
});
