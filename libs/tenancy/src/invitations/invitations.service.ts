import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { DomainError, InjectScopedRepository, WorkspaceScopedRepository } from '@app/core';
import { assertCanAssignRole, Role } from '../access/role';
import { WorkspaceContext } from '../access/workspace-context';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { WorkspaceMembershipView } from '../auth/dto/auth-responses.dto';
import { CreatedInvitationView, InvitationView, MyInvitationView } from './dto/invitation.dto';
import { generateInvitationToken, hashInvitationToken, invitationAcceptPath } from './invitation-token';
import { InvitationRow, InvitationsRepository } from './invitations.repository';

export const INVITATION_TTL_DAYS = 7;
const UNIQUE_VIOLATION = '23505';

// Members join by accepting an invitation, whatever exists: creating one answers the same whether
// or not the email has an account, so adding members tells an admin nothing about other people's
// accounts. The link carries a one-time token the admin shares; accepting needs that token AND
// being signed in with the invited email, because emails are not verified (no email channel) and
// anyone could sign up with someone else's address.
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly workspaces: WorkspacesService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectScopedRepository(Membership) private readonly memberships: WorkspaceScopedRepository<Membership>,
  ) {}

  async create(actor: WorkspaceContext, email: string, role: Role): Promise<CreatedInvitationView> {
    assertCanAssignRole(actor.role, role);
    // Members are listed to every member already, so this tells the admin nothing new.
    const member = await this.memberships
      .queryBuilder(actor.workspaceId, 'm')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .andWhere('u.email = :email', { email })
      .getOne();
    if (member) throw new DomainError('conflict', 'already_member', `${email} is already a member (${member.role})`, { field: 'email' });

    const { token, hash } = generateInvitationToken();
    try {
      const row = await this.dataSource.transaction((tx) =>
        this.invitations.createReplacingOpen(tx, actor.workspaceId, { email, role, tokenHash: hash, invitedBy: actor.userId, ttlDays: INVITATION_TTL_DAYS }),
      );
      return { invitation: toView(row), token, acceptUrl: invitationAcceptPath(token) };
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new DomainError('conflict', 'invitation_conflict', `Another invitation for ${email} was created at the same moment; try again`);
      }
      throw error;
    }
  }

  async list(workspaceId: string, limit: number): Promise<InvitationView[]> {
    return (await this.invitations.list(workspaceId, limit)).map(toView);
  }

  async revoke(actor: WorkspaceContext, invitationId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const invitation = await this.invitations.findForUpdate(tx, actor.workspaceId, invitationId);
      if (!invitation) throw DomainError.notFound('Invitation');
      assertCanAssignRole(actor.role, invitation.role);
      if (invitation.acceptedAt) throw new DomainError('conflict', 'invitation_accepted', 'This invitation was already accepted; remove the member instead');
      await this.invitations.revoke(tx, actor.workspaceId, invitationId);
    });
  }

  async listMine(userId: string): Promise<MyInvitationView[]> {
    const email = await this.emailOf(userId);
    const rows = await this.invitations.listOpenForEmail(email);
    return rows.map((row) => ({ ...toView(row), workspace: { id: row.workspaceId, name: row.workspaceName } }));
  }

  // Answers the workspace joined, with the role now held in it.
  async accept(userId: string, token: string): Promise<WorkspaceMembershipView> {
    const email = await this.emailOf(userId);
    const joined = await this.dataSource.transaction(async (tx) => {
      const invitation = await this.invitations.findByTokenForUpdate(tx, hashInvitationToken(token));
      if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) {
        throw new DomainError('not_found', 'invitation_not_found', 'This invitation link is unknown, expired, revoked or already used');
      }
      if (invitation.email !== email) {
        throw new DomainError('forbidden', 'invitation_for_another_email', 'This invitation is for another email address; sign in with the account it was sent to');
      }
      const memberships = this.memberships.withManager(tx);
      const existing = await memberships.findOne(invitation.workspaceId, { userId });
      if (!existing) await memberships.insert(invitation.workspaceId, { userId, role: invitation.role });
      await this.invitations.markAccepted(tx, invitation.workspaceId, invitation.id, userId);
      return { workspaceId: invitation.workspaceId, role: existing?.role ?? invitation.role };
    });
    const { id, name, slug, role } = await this.workspaces.get(joined.workspaceId, joined.role);
    return { id, name, slug, role };
  }

  private async emailOf(userId: string): Promise<string> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new DomainError('unauthorized', 'invalid_token', 'This account no longer exists');
    return user.email;
  }
}

function toView(row: InvitationRow): InvitationView {
  const { id, email, role, invitedBy, createdAt, expiresAt, acceptedAt, revokedAt } = row;
  return { id, email, role, invitedBy, createdAt, expiresAt, acceptedAt, revokedAt };
}
