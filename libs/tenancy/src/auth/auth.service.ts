import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { DomainError } from '@app/core';
import { User } from '../entities/user.entity';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { LoginResponse, MeResponse, SignupResponse } from './dto/auth-responses.dto';
import { JwtPayload } from './jwt-payload';
import { PasswordHasher } from './password.hasher';

@Injectable()
export class AuthService {
  // Verifying against a real hash when the email is unknown keeps login timing the same for
  // existing and unknown accounts, so the endpoint cannot be used to enumerate users.
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly workspaces: WorkspacesService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {
    this.dummyHash = hasher.hash('tracklayer-timing-equalizer');
  }

  async signup(email: string, password: string, workspaceName: string): Promise<SignupResponse> {
    const passwordHash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({ email, passwordHash })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = (inserted.raw as Array<{ id: string }>)[0];
      if (!row) {
        throw new DomainError('conflict', 'email_taken', 'An account with this email already exists; log in instead', {
          field: 'email',
        });
      }
      const workspace = await this.workspaces.createWithOwner(row.id, workspaceName, manager);
      const { id, name, slug, role } = workspace;
      return { accessToken: await this.sign(row.id, email), user: { id: row.id, email }, workspace: { id, name, slug, role } };
    });
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.verifyCredentials(email, password);
    return { accessToken: await this.sign(user.id, user.email) };
  }

  // Shared by the Bearer login and the dashboard's cookie session (SessionService).
  async verifyCredentials(email: string, password: string): Promise<{ id: string; email: string }> {
    const user = await this.users.findOne({ where: { email }, select: ['id', 'email', 'passwordHash'] });
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !ok) throw new DomainError('unauthorized', 'invalid_credentials', 'Wrong email or password');
    return { id: user.id, email: user.email };
  }

  async me(userId: string): Promise<MeResponse> {
    const user = await this.users.findOneBy({ id: userId });
    // A token can outlive its account (deleted user); treat it like any other bad token.
    if (!user) throw new DomainError('unauthorized', 'invalid_token', 'This account no longer exists');
    const workspaces = await this.workspaces.listForUser(userId);
    return {
      user: { id: user.id, email: user.email },
      workspaces: workspaces.map(({ id, name, slug, role }) => ({ id, name, slug, role })),
    };
  }

  private sign(userId: string, email: string): Promise<string> {
    const payload: JwtPayload = { sub: userId, email };
    return this.jwt.signAsync(payload);
  }
}
