import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AppConfig, InjectConfig } from '@app/core';
import { AuthenticatedUser } from '../access/workspace-context';
import { AuthService, SignInClient } from './auth.service';
import { csrfTokenFor } from './csrf-token';
import { SessionResponse } from './dto/session.dto';
import { JwtPayload } from './jwt-payload';

export interface StartedSession {
  token: string;
  maxAgeSeconds: number;
  view: SessionResponse;
}

// The dashboard's login: the same credentials check as POST /v1/auth/login, but the token goes
// into an httpOnly cookie (never to page scripts) and the page gets the session's CSRF token.
@Injectable()
export class SessionService {
  constructor(
    private readonly auth: AuthService,
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async start(email: string, password: string, client: SignInClient): Promise<StartedSession> {
    const user = await this.auth.verifyCredentials(email, password, client);
    const sessionId = randomUUID();
    const payload: JwtPayload = { sub: user.id, email: user.email, sid: sessionId };
    const token = await this.jwt.signAsync(payload);
    const { exp } = this.jwt.decode<Required<JwtPayload>>(token);
    const expiresAt = new Date(exp * 1000);
    return {
      token,
      maxAgeSeconds: (expiresAt.getTime() - Date.now()) / 1000,
      view: this.view({ userId: user.id, email: user.email, session: { id: sessionId, expiresAt } }),
    };
  }

  describe({ userId, email, session }: AuthenticatedUser): SessionResponse | undefined {
    return session ? this.view({ userId, email, session }) : undefined;
  }

  private view({ userId, email, session }: Required<AuthenticatedUser>): SessionResponse {
    return {
      user: { id: userId, email },
      csrfToken: csrfTokenFor(this.config.jwtSecret, session.id),
      expiresAt: session.expiresAt.toISOString(),
    };
  }
}
