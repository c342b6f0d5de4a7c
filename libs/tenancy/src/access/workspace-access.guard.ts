import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, IS_PUBLIC, isWorkspaceId } from '@app/core';
import { MembershipsRepository } from '../members/memberships.repository';
import { REQUIRED_ROLE } from './require-role.decorator';
import { Role, roleAtLeast } from './role';
import { TenancyRequest } from './workspace-context';

// Resolves :workspaceId against the caller's memberships. A workspace the caller does not belong
// to answers 404, exactly like one that does not exist, so ids of other tenants leak nothing.
@Injectable()
export class WorkspaceAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly memberships: MembershipsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenancyRequest>();
    const workspaceId = request.params?.workspaceId;
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (workspaceId === undefined) {
      // A role is a role in some workspace: without :workspaceId there is nothing to check it
      // against, so such a route fails closed (the permission snapshot test rejects it too).
      if (required) throw new Error(`@RequireRole('${required}') on a route without :workspaceId`);
      return true;
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic || !request.user) throw DomainError.notFound('Workspace');
    if (!isWorkspaceId(workspaceId)) throw DomainError.notFound('Workspace');

    const role = await this.memberships.roleOf(workspaceId, request.user.userId);
    if (!role) throw DomainError.notFound('Workspace');

    if (required && !roleAtLeast(role, required)) {
      throw new DomainError('forbidden', 'role_too_low', `This action needs the ${required} role; you are ${role}`, {
        requiredRole: required,
        role,
      });
    }
    request.workspace = { workspaceId, userId: request.user.userId, role };
    return true;
  }
}
