import { Injectable } from '@nestjs/common';
import { Database, SqlSession, Transaction, WorkspaceId } from '@app/core';
import type { Role } from '../access/role';

export interface InvitationRow {
  workspaceId: WorkspaceId;
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const columns = (t = 'invitations') => `${t}.workspace_id AS "workspaceId", ${t}.id, ${t}.email, ${t}.role, ${t}.invited_by AS "invitedBy",
  ${t}.created_at AS "createdAt", ${t}.expires_at AS "expiresAt", ${t}.accepted_at AS "acceptedAt", ${t}.revoked_at AS "revokedAt"`;
const COLUMNS = columns();
const OPEN = 'accepted_at IS NULL AND revoked_at IS NULL';

// The invitations table. Every query takes the workspace id first and filters on it, except the
// two named cross-workspace queries whose key is not a workspace: a token (which is how an
// invitation is found when it is accepted) and the caller's own email (their invitations across
// workspaces).
@Injectable()
export class InvitationsRepository {
  constructor(private readonly db: Database) {}

  // Replaces an open invitation of the same email, so only the newest link works.
  async createReplacingOpen(
    workspaceId: WorkspaceId,
    invitation: { email: string; role: Role; tokenHash: string; invitedBy: string; ttlDays: number },
    tx: Transaction,
  ): Promise<InvitationRow> {
    const scoped = tx.forWorkspace(workspaceId);
    await scoped.execute(`UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1 AND email = $2 AND ${OPEN}`, [invitation.email]);
    const row = await scoped.one<InvitationRow>(
      `INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
       RETURNING ${COLUMNS}`,
      [invitation.email, invitation.role, invitation.tokenHash, invitation.invitedBy, invitation.ttlDays],
    );
    return row as InvitationRow;
  }

  list(workspaceId: WorkspaceId, limit: number): Promise<InvitationRow[]> {
    return this.db
      .forWorkspace(workspaceId)
      .many(`SELECT ${COLUMNS} FROM invitations WHERE workspace_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [limit]);
  }

  findForUpdate(workspaceId: WorkspaceId, id: string, tx: Transaction): Promise<InvitationRow | undefined> {
    return tx.forWorkspace(workspaceId).one(`SELECT ${COLUMNS} FROM invitations WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [id]);
  }

  async revoke(workspaceId: WorkspaceId, id: string, tx: Transaction): Promise<void> {
    await tx.forWorkspace(workspaceId).execute(`UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND ${OPEN}`, [id]);
  }

  // The token is what finds the invitation, whichever workspace it is for.
  findByTokenForUpdate(tokenHash: string, tx: Transaction): Promise<InvitationRow | undefined> {
    return tx.acrossWorkspaces('invitation-by-token').one(`SELECT ${COLUMNS} FROM invitations WHERE token_hash = $1 FOR UPDATE`, [tokenHash]);
  }

  async markAccepted(workspaceId: WorkspaceId, id: string, userId: string, session: SqlSession): Promise<void> {
    await session
      .forWorkspace(workspaceId)
      .execute(`UPDATE invitations SET accepted_at = now(), accepted_by = $3 WHERE workspace_id = $1 AND id = $2`, [id, userId]);
  }

  // The caller's own open invitations, wherever they are.
  listOpenForEmail(email: string): Promise<Array<InvitationRow & { workspaceName: string }>> {
    return this.db.acrossWorkspaces('invitations-of-email').many(
      `SELECT ${columns('i')}, w.name AS "workspaceName"
         FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
        WHERE i.email = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
        ORDER BY i.created_at DESC LIMIT 100`,
      [email],
    );
  }
}
