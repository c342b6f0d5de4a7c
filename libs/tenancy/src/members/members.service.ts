import { Injectable } from '@nestjs/common';
import { Database, DomainError, Transaction, WorkspaceId } from '@app/core';
import { assertCanAssignRole, Role } from '../access/role';
import { WorkspaceContext } from '../access/workspace-context';
import { MemberView } from './dto/member.dto';
import { MembershipsRepository } from './memberships.repository';

@Injectable()
export class MembersService {
  constructor(
    private readonly db: Database,
    private readonly memberships: MembershipsRepository,
  ) {}

  list(workspaceId: WorkspaceId): Promise<MemberView[]> {
    return this.memberships.list(workspaceId);
  }

  async changeRole(actor: WorkspaceContext, userId: string, role: Role): Promise<MemberView> {
    await this.db.transaction(async (tx) => {
      const current = await this.lockedRole(tx, actor.workspaceId, userId);
      assertCanAssignRole(actor.role, current);
      assertCanAssignRole(actor.role, role);
      if (current === 'owner' && role !== 'owner') await this.assertAnotherOwner(tx, actor.workspaceId);
      await this.memberships.updateRole(actor.workspaceId, userId, role, tx);
    });
    return this.getMember(actor.workspaceId, userId);
  }

  // Members may always leave; removing someone else needs admin, and owners only go by an owner.
  async remove(actor: WorkspaceContext, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.lockedRole(tx, actor.workspaceId, userId);
      if (userId !== actor.userId) {
        if (actor.role !== 'owner' && actor.role !== 'admin') {
          throw new DomainError('forbidden', 'role_too_low', 'Removing other members needs the admin role', {
            requiredRole: 'admin',
            role: actor.role,
          });
        }
        assertCanAssignRole(actor.role, current);
      }
      if (current === 'owner') await this.assertAnotherOwner(tx, actor.workspaceId);
      await this.memberships.delete(actor.workspaceId, userId, tx);
    });
  }

  private async getMember(workspaceId: WorkspaceId, userId: string): Promise<MemberView> {
    const member = (await this.list(workspaceId)).find((m) => m.userId === userId);
    if (!member) throw DomainError.notFound('Member');
    return member;
  }

  private async lockedRole(tx: Transaction, workspaceId: WorkspaceId, userId: string): Promise<Role> {
    const role = await this.memberships.lockRole(workspaceId, userId, tx);
    if (!role) throw DomainError.notFound('Member');
    return role;
  }

  // Owners are locked too, so two owners demoting each other at once cannot both succeed.
  private async assertAnotherOwner(tx: Transaction, workspaceId: WorkspaceId): Promise<void> {
    if ((await this.memberships.lockOwnerCount(workspaceId, tx)) <= 1) {
      throw new DomainError('conflict', 'last_owner', 'A workspace needs at least one owner; make someone else owner first');
    }
  }
}
