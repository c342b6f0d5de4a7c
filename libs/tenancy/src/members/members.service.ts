import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, InjectScopedRepository, WorkspaceScopedRepository } from '@app/core';
import { assertCanAssignRole, Role } from '../access/role';
import { WorkspaceContext } from '../access/workspace-context';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { MemberView } from './dto/member.dto';

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectScopedRepository(Membership) private readonly memberships: WorkspaceScopedRepository<Membership>,
  ) {}

  list(workspaceId: string): Promise<MemberView[]> {
    return this.memberships
      .queryBuilder(workspaceId, 'm')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .select(['m.user_id AS "userId"', 'u.email AS email', 'm.role AS role', 'm.created_at AS "createdAt"'])
      .orderBy('m.created_at', 'ASC')
      .getRawMany<MemberView>();
  }

  async changeRole(actor: WorkspaceContext, userId: string, role: Role): Promise<MemberView> {
    await this.dataSource.transaction(async (manager) => {
      const memberships = this.memberships.withManager(manager);
      const target = await this.lockedMember(memberships, actor.workspaceId, userId);
      assertCanAssignRole(actor.role, target.role);
      assertCanAssignRole(actor.role, role);
      if (target.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(memberships, actor.workspaceId);
      await memberships.update(actor.workspaceId, { userId }, { role });
    });
    return this.getMember(actor.workspaceId, userId);
  }

  // Members may always leave; removing someone else needs admin, and owners only go by an owner.
  async remove(actor: WorkspaceContext, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberships = this.memberships.withManager(manager);
      const target = await this.lockedMember(memberships, actor.workspaceId, userId);
      if (userId !== actor.userId) {
        if (actor.role !== 'owner' && actor.role !== 'admin') {
          throw new DomainError('forbidden', 'role_too_low', 'Removing other members needs the admin role', {
            requiredRole: 'admin',
            role: actor.role,
          });
        }
        assertCanAssignRole(actor.role, target.role);
      }
      if (target.role === 'owner') await this.assertAnotherOwner(memberships, actor.workspaceId);
      await memberships.delete(actor.workspaceId, { userId });
    });
  }

  private async getMember(workspaceId: string, userId: string): Promise<MemberView> {
    const member = (await this.list(workspaceId)).find((m) => m.userId === userId);
    if (!member) throw DomainError.notFound('Member');
    return member;
  }

  private async lockedMember(
    memberships: WorkspaceScopedRepository<Membership>,
    workspaceId: string,
    userId: string,
  ): Promise<Membership> {
    const target = await memberships
      .queryBuilder(workspaceId, 'm')
      .andWhere('m.userId = :userId', { userId })
      .setLock('pessimistic_write')
      .getOne();
    if (!target) throw DomainError.notFound('Member');
    return target;
  }

  // Owners are locked too, so two owners demoting each other at once cannot both succeed.
  private async assertAnotherOwner(memberships: WorkspaceScopedRepository<Membership>, workspaceId: string): Promise<void> {
    const owners = await memberships
      .queryBuilder(workspaceId, 'm')
      .andWhere("m.role = 'owner'")
      .setLock('pessimistic_write')
      .getMany();
    if (owners.length <= 1) {
      throw new DomainError('conflict', 'last_owner', 'A workspace needs at least one owner; make someone else owner first');
    }
  }
}
