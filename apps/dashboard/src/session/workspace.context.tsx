import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '../model/roles';
import type { Workspace } from './session.context';

export interface CurrentWorkspace {
  id: string;
  name: string;
  role: Role;
}

const WorkspaceContext = createContext<CurrentWorkspace | undefined>(undefined);

export function WorkspaceProvider({ workspace, children }: { workspace: Workspace; children: ReactNode }) {
  return <WorkspaceContext.Provider value={{ id: workspace.id, name: workspace.name, role: workspace.role }}>{children}</WorkspaceContext.Provider>;
}

// Every workspace page reads the workspace (and the caller's role in it) from here.
export function useWorkspace(): CurrentWorkspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside a workspace page');
  return workspace;
}
