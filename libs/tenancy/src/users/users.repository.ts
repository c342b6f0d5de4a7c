import { Injectable } from '@nestjs/common';
import { Database, SqlSession } from '@app/core';

export interface UserRow {
  id: string;
  email: string;
}

export interface UserWithPasswordHash extends UserRow {
  passwordHash: string;
}

// The users table. Users belong to no workspace (memberships tie them to workspaces), so these
// statements are not workspace-scoped.
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  // undefined when the email is taken; ON CONFLICT keeps the caller's transaction usable.
  async insertIfAbsent(email: string, passwordHash: string, session: SqlSession = this.db): Promise<string | undefined> {
    const row = await session.one<{ id: string }>(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
      [email, passwordHash],
    );
    return row?.id;
  }

  findWithPasswordHash(email: string): Promise<UserWithPasswordHash | undefined> {
    return this.db.one('SELECT id, email, password_hash AS "passwordHash" FROM users WHERE email = $1', [email]);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.execute('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
  }

  async exists(userId: string): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM users WHERE id = $1', [userId])) !== undefined;
  }

  findById(userId: string): Promise<UserRow | undefined> {
    return this.db.one('SELECT id, email FROM users WHERE id = $1', [userId]);
  }

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.one('SELECT id, email FROM users WHERE email = $1', [email]);
  }
}
