import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, InjectScopedRepository, IS_PUBLIC, WorkspaceScopedRepository } from '@app/core';
import { Membership } from '../entities/membership.entity';
import { REQUIRED_ROLE } from './require-role.decorator';
import { Role, roleAtLeast } from './role';
import { TenancyRequest } from './workspace-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Resolves :workspaceId against the caller's memberships. A workspace the caller does not belong
// to answers 404, exactly like one that does not exist, so ids of other tenants leak nothing.
@Injectable()
export class WorkspaceAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectScopedRepository(Membership) private readonly memberships: WorkspaceScopedRepository<Membership>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenancyRequest>();
    const workspaceId = request.params?.workspaceId;
    if (workspaceId === undefined) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic || !request.user) throw DomainError.notFound('Workspace');
    if (!UUID.test(workspaceId)) throw DomainError.notFound('Workspace');

    const membership = await this.memberships.findOne(workspaceId, { userId: request.user.userId });
    if (!membership) throw DomainError.notFound('Workspace');

    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required && !roleAtLeast(membership.role, required)) {
      throw new DomainError('forbidden', 'role_too_low', `This action needs the ${required} role; you are ${membership.role}`, {
        requiredRole: required,
        role: membership.role,
      });
    }
    request.workspace = { workspaceId, userId: request.user.userId, role: membership.role };
    return true;
  }
}
