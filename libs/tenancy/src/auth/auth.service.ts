import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, Database } from '@app/core';
import { UsersRepository, UserWithPasswordHash } from '../users/users.repository';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { LoginResponse, MeResponse, SignupResponse } from './dto/auth-responses.dto';
import { JwtPayload } from './jwt-payload';
import { PasswordHasher } from './password.hasher';
import { PasswordPolicy } from './password.policy';
import { SignInThrottle } from './sign-in.throttle';

// Where a sign-in comes from; the throttles and the hashing queue are per address.
export interface SignInClient {
  ip: string;
}

@Injectable()
export class AuthService {
  // Verifying against a real hash when the email is unknown keeps login timing the same for
  // existing and unknown accounts, so the endpoint cannot be used to enumerate users.
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly workspaces: WorkspacesService,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly throttle: SignInThrottle,
    private readonly jwt: JwtService,
  ) {
    this.dummyHash = hasher.hash('tracklayer-timing-equalizer', 'startup');
  }

  // A new email gets an account and a workspace. An email that has an account gets the same answer
  // with that account's correct password (a new workspace for it), and otherwise the 409 a login
  // with the wrong password would give, counted as a failed login of that account: without an
  // email channel that is the one case that tells an account exists, and it costs the same
  // throttles as guessing a password (docs/security.md). Weak passwords are refused before the
  // email is looked at, so they tell nothing either.
  async signup(email: string, password: string, workspaceName: string, client: SignInClient): Promise<SignupResponse> {
    await this.throttle.takeSignup(client.ip);
    const weakness = this.policy.problem(password, [email, email.split('@')[0], workspaceName]);
    if (weakness) throw new DomainError('bad_request', 'weak_password', weakness, { fields: [{ field: 'password', message: weakness }] });

    const existing = await this.users.findWithPasswordHash(email);
    if (existing) return this.signupExisting(existing, password, workspaceName, client);
    const passwordHash = await this.hasher.hash(password, client.ip);
    const created = await this.db.transaction(async (tx) => {
      const userId = await this.users.insertIfAbsent(email, passwordHash, tx);
      if (!userId) return undefined;
      return { userId, workspace: await this.workspaces.createWithOwner(userId, workspaceName, tx) };
    });
    if (!created) {
      // Someone signed up with this email between the lookup and the insert.
      const winner = await this.users.findWithPasswordHash(email);
      if (!winner) throw new Error(`The account of ${email} was there at insert time and is gone now`);
      return this.signupExisting(winner, password, workspaceName, client);
    }
    return this.signupAnswer(created.userId, email, created.workspace);
  }

  async login(email: string, password: string, client: SignInClient): Promise<LoginResponse> {
    const user = await this.verifyCredentials(email, password, client);
    return { accessToken: await this.sign(user.id, user.email) };
  }

  // Shared by the Bearer login and the dashboard's cookie session (SessionService): the same
  // throttles, the same hashing queue, the same answer for unknown emails and wrong passwords.
  async verifyCredentials(email: string, password: string, client: SignInClient): Promise<{ id: string; email: string }> {
    await this.throttle.takeLoginAttempt(client.ip);
    await this.throttle.assertAccountOpen(email);
    const user = await this.users.findWithPasswordHash(email);
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password, client.ip);
    if (!user || !ok) {
      await this.throttle.recordFailure(email);
      throw new DomainError('unauthorized', 'invalid_credentials', 'Wrong email or password');
    }
    await this.throttle.clearFailures(email);
    await this.upgradeHash(user, password, client);
    return { id: user.id, email: user.email };
  }

  async me(userId: string): Promise<MeResponse> {
    const user = await this.users.findById(userId);
    // A token can outlive its account (deleted user); treat it like any other bad token.
    if (!user) throw new DomainError('unauthorized', 'invalid_token', 'This account no longer exists');
    const workspaces = await this.workspaces.listForUser(userId);
    return {
      user: { id: user.id, email: user.email },
      workspaces: workspaces.map(({ id, name, slug, role }) => ({ id, name, slug, role })),
    };
  }

  private async signupExisting(user: UserWithPasswordHash, password: string, workspaceName: string, client: SignInClient): Promise<SignupResponse> {
    await this.throttle.assertAccountOpen(user.email);
    if (!(await this.hasher.verify(user.passwordHash, password, client.ip))) {
      await this.throttle.recordFailure(user.email);
      throw new DomainError('conflict', 'email_taken', 'An account with this email already exists; log in instead', { field: 'email' });
    }
    await this.throttle.clearFailures(user.email);
    return this.signupAnswer(user.id, user.email, await this.workspaces.createWithOwner(user.id, workspaceName));
  }

  private async signupAnswer(
    userId: string,
    email: string,
    workspace: { id: string; name: string; slug: string; role: SignupResponse['workspace']['role'] },
  ): Promise<SignupResponse> {
    const { id, name, slug, role } = workspace;
    return { accessToken: await this.sign(userId, email), user: { id: userId, email }, workspace: { id, name, slug, role } };
  }

  // Accounts hashed with older parameters move to the current ones when their owner logs in.
  private async upgradeHash(user: UserWithPasswordHash, password: string, client: SignInClient): Promise<void> {
    if (!this.hasher.needsRehash(user.passwordHash)) return;
    await this.users.setPasswordHash(user.id, await this.hasher.hash(password, client.ip));
  }

  private sign(userId: string, email: string): Promise<string> {
    const payload: JwtPayload = { sub: userId, email };
    return this.jwt.signAsync(payload);
  }
}
