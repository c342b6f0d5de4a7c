import { Injectable } from '@nestjs/common';
import { Database, DomainError, WorkspaceId } from '@app/core';
import { assertCanAssignRole, Role } from '../access/role';
import { WorkspaceContext } from '../access/workspace-context';
import { MembershipsRepository } from '../members/memberships.repository';
import { UsersRepository } from '../users/users.repository';
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
    private readonly db: Database,
    private readonly invitations: InvitationsRepository,
    private readonly workspaces: WorkspacesService,
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async create(actor: WorkspaceContext, email: string, role: Role): Promise<CreatedInvitationView> {
    assertCanAssignRole(actor.role, role);
    // Members are listed to every member already, so this tells the admin nothing new.
    const memberRole = await this.memberships.roleOfEmail(actor.workspaceId, email);
    if (memberRole) throw new DomainError('conflict', 'already_member', `${email} is already a member (${memberRole})`, { field: 'email' });

    const { token, hash } = generateInvitationToken();
    try {
      const row = await this.db.transaction((tx) =>
        this.invitations.createReplacingOpen(actor.workspaceId, { email, role, tokenHash: hash, invitedBy: actor.userId, ttlDays: INVITATION_TTL_DAYS }, tx),
      );
      return { invitation: toView(row), token, acceptUrl: invitationAcceptPath(token) };
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION) {
        throw new DomainError('conflict', 'invitation_conflict', `Another invitation for ${email} was created at the same moment; try again`);
      }
      throw error;
    }
  }

  async list(workspaceId: WorkspaceId, limit: number): Promise<InvitationView[]> {
    return (await this.invitations.list(workspaceId, limit)).map(toView);
  }

  async revoke(actor: WorkspaceContext, invitationId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const invitation = await this.invitations.findForUpdate(actor.workspaceId, invitationId, tx);
      if (!invitation) throw DomainError.notFound('Invitation');
      assertCanAssignRole(actor.role, invitation.role);
      if (invitation.acceptedAt) throw new DomainError('conflict', 'invitation_accepted', 'This invitation was already accepted; remove the member instead');
      await this.invitations.revoke(actor.workspaceId, invitationId, tx);
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
    const joined = await this.db.transaction(async (tx) => {
      const invitation = await this.invitations.findByTokenForUpdate(hashInvitationToken(token), tx);
      if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) {
        throw new DomainError('not_found', 'invitation_not_found', 'This invitation link is unknown, expired, revoked or already used');
      }
      if (invitation.email !== email) {
        throw new DomainError('forbidden', 'invitation_for_another_email', 'This invitation is for another email address; sign in with the account it was sent to');
      }
      const existing = await this.memberships.roleOf(invitation.workspaceId, userId, tx);
      if (!existing) await this.memberships.insert(invitation.workspaceId, userId, invitation.role, tx);
      await this.invitations.markAccepted(invitation.workspaceId, invitation.id, userId, tx);
      return { workspaceId: invitation.workspaceId, role: existing ?? invitation.role };
    });
    const { id, name, slug, role } = await this.workspaces.get(joined.workspaceId, joined.role);
    return { id, name, slug, role };
  }

  private async emailOf(userId: string): Promise<string> {
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError('unauthorized', 'invalid_token', 'This account no longer exists');
    return user.email;
  }
}

function toView(row: InvitationRow): InvitationView {
  const { id, email, role, invitedBy, createdAt, expiresAt, acceptedAt, revokedAt } = row;
  return { id, email, role, invitedBy, createdAt, expiresAt, acceptedAt, revokedAt };
}
