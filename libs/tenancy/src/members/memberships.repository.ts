import { Injectable } from '@nestjs/common';
import { Database, SqlSession, Transaction, WorkspaceId } from '@app/core';
import { Role } from '../access/role';

export interface MemberRow {
  userId: string;
  email: string;
  role: Role;
  createdAt: Date;
}

// The memberships table: who belongs to a workspace, with which role.
@Injectable()
export class MembershipsRepository {
  constructor(private readonly db: Database) {}

  async insert(workspaceId: WorkspaceId, userId: string, role: Role, session: SqlSession = this.db): Promise<Date> {
    const row = await session
      .forWorkspace(workspaceId)
      .one<{ createdAt: Date }>('INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) RETURNING created_at AS "createdAt"', [
        userId,
        role,
      ]);
    return (row as { createdAt: Date }).createdAt;
  }

  async roleOf(workspaceId: WorkspaceId, userId: string, session: SqlSession = this.db): Promise<Role | undefined> {
    const row = await session
      .forWorkspace(workspaceId)
      .one<{ role: Role }>('SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2', [userId]);
    return row?.role;
  }

  // The role of the member with this email, if the email is a member's.
  async roleOfEmail(workspaceId: WorkspaceId, email: string): Promise<Role | undefined> {
    const row = await this.db
      .forWorkspace(workspaceId)
      .one<{ role: Role }>('SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND u.email = $2', [email]);
    return row?.role;
  }

  list(workspaceId: WorkspaceId): Promise<MemberRow[]> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT m.user_id AS "userId", u.email, m.role, m.created_at AS "createdAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = $1 ORDER BY m.created_at, m.user_id`,
    );
  }

  // Row-locked until the transaction ends, so role changes of one member serialize.
  async lockRole(workspaceId: WorkspaceId, userId: string, tx: Transaction): Promise<Role | undefined> {
    const row = await tx
      .forWorkspace(workspaceId)
      .one<{ role: Role }>('SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2 FOR UPDATE', [userId]);
    return row?.role;
  }

  // Owners are locked too, so two owners demoting each other at once cannot both succeed.
  async lockOwnerCount(workspaceId: WorkspaceId, tx: Transaction): Promise<number> {
    const rows = await tx.forWorkspace(workspaceId).many("SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = 'owner' FOR UPDATE");
    return rows.length;
  }

  updateRole(workspaceId: WorkspaceId, userId: string, role: Role, tx: Transaction): Promise<number> {
    return tx.forWorkspace(workspaceId).execute('UPDATE memberships SET role = $3 WHERE workspace_id = $1 AND user_id = $2', [userId, role]);
  }

  delete(workspaceId: WorkspaceId, userId: string, tx: Transaction): Promise<number> {
    return tx.forWorkspace(workspaceId).execute('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2', [userId]);
  }
}
