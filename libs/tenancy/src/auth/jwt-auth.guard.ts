import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, IS_PUBLIC } from '@app/core';

// Registered globally: every route needs a dashboard JWT unless marked @Public() (signup, login,
// health, and the ingest endpoint, which has its own key guard).
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
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
