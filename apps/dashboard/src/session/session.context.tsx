import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, setCsrfToken, whenUnauthorized, type Schema } from '../api/api-client';

export type Workspace = Schema<'WorkspaceMembershipView'>;

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; user: Schema<'UserView'>; workspaces: Workspace[] };

interface SessionApi {
  state: SessionState;
  logIn(email: string, password: string): Promise<Workspace[]>;
  signUp(email: string, password: string, workspaceName: string): Promise<Workspace>;
  logOut(): Promise<void>;
  refreshWorkspaces(): Promise<Workspace[]>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

// The dashboard's session is an httpOnly cookie set by POST /v1/auth/session: page scripts never
// see the token, only the session's CSRF token, kept here in memory. A reload asks the api again.
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const adopt = useCallback(async (session: Schema<'SessionResponse'>) => {
    setCsrfToken(session.csrfToken);
    const me = await call(api.GET('/v1/me'));
    setState({ status: 'signed-in', user: me.user, workspaces: me.workspaces });
    return me.workspaces;
  }, []);

  useEffect(() => {
    whenUnauthorized(() => {
      setCsrfToken(undefined);
      setState({ status: 'anonymous' });
    });
    call(api.GET('/v1/auth/session')).then(adopt, () => setState({ status: 'anonymous' }));
  }, [adopt]);

  const logIn = useCallback(
    async (email: string, password: string) => adopt(await call(api.POST('/v1/auth/session', { body: { email, password } }))),
    [adopt],
  );

  // The signup answer carries a Bearer token for API clients; the dashboard drops it and opens a
  // cookie session with the same credentials instead.
  const signUp = useCallback(
    async (email: string, password: string, workspaceName: string) => {
      const created = await call(api.POST('/v1/auth/signup', { body: { email, password, workspaceName } }));
      await logIn(email, password);
      return created.workspace;
    },
    [logIn],
  );

  const logOut = useCallback(async () => {
    await call(api.DELETE('/v1/auth/session'));
    setCsrfToken(undefined);
    setState({ status: 'anonymous' });
  }, []);

  const refreshWorkspaces = useCallback(async () => {
    const me = await call(api.GET('/v1/me'));
    setState({ status: 'signed-in', user: me.user, workspaces: me.workspaces });
    return me.workspaces;
  }, []);

  const value = useMemo(() => ({ state, logIn, signUp, logOut, refreshWorkspaces }), [state, logIn, signUp, logOut, refreshWorkspaces]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
