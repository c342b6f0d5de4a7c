import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { WorkspaceId } from '@app/core';
import { Role } from './role';

export interface AuthenticatedUser {
  userId: string;
  email: string;
  // Present when the caller is the dashboard's cookie session (not a Bearer token).
  session?: { id: string; expiresAt: Date };
}

export interface WorkspaceContext {
  // Checked against the caller's memberships by the WorkspaceAccessGuard.
  workspaceId: WorkspaceId;
  userId: string;
  role: Role;
}

export interface TenancyRequest {
  user?: AuthenticatedUser;
  workspace?: WorkspaceContext;
  params: Record<string, string | undefined>;
}

// Throws rather than returning undefined: a handler that asks for the workspace on a route the
// WorkspaceAccessGuard did not resolve is a programming error, never an unscoped query.
export const CurrentWorkspace = createParamDecorator((_: unknown, ctx: ExecutionContext): WorkspaceContext => {
  const workspace = ctx.switchToHttp().getRequest<TenancyRequest>().workspace;
  if (!workspace) throw new Error('CurrentWorkspace used on a route without :workspaceId');
  return workspace;
});

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getRequest<TenancyRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
