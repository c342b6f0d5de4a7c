import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppConfig, DomainError, InjectConfig, IS_PUBLIC } from '@app/core';
import { TenancyRequest } from '../access/workspace-context';
import { UsersRepository } from '../users/users.repository';
import { CSRF_HEADER, csrfTokenMatches, needsCsrfToken } from './csrf-token';

interface AuthRequest extends TenancyRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

// Registered globally: every route needs a dashboard JWT (Bearer header or the dashboard's session
// cookie) unless marked @Public() (signup, login, health, and the ingest endpoint, which has its
// own key guard). A cookie session must also prove each state-changing request with its CSRF token.
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @InjectConfig() private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<AuthRequest>();
    // A signature proves who the token was issued to, not that the account still exists: a
    // deleted user's token is refused on every route, reads and writes alike (one primary-key
    // lookup per dashboard request). Here rather than in the passport strategy, which passport
    // keeps process-wide.
    if (!request.user || !(await this.users.exists(request.user.userId))) {
      throw new DomainError('unauthorized', 'invalid_token', 'This account no longer exists');
    }
    const session = request.user.session;
    if (session && needsCsrfToken(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (!csrfTokenMatches(this.config.jwtSecret, session.id, Array.isArray(header) ? header[0] : header)) {
        throw new DomainError(
          'forbidden',
          'csrf_token_invalid',
          'This request needs the X-CSRF-Token header of your session (GET /v1/auth/session gives it); reload the dashboard',
        );
      }
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error || !user) {
      const reason = info instanceof Error ? info.message : undefined;
      const expired = info instanceof Error && info.name === 'TokenExpiredError';
      const message = expired
        ? 'The access token has expired; log in again'
        : reason === 'No auth token'
          ? 'Missing access token: send Authorization: Bearer <token> from POST /v1/auth/login'
          : 'Invalid access token';
      throw new DomainError('unauthorized', expired ? 'token_expired' : 'invalid_token', message);
    }
    return user;
  }
}
