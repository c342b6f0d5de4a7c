import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig, InjectConfig } from '@app/core';
import { AuthenticatedUser } from '../access/workspace-context';
import { JwtPayload } from './jwt-payload';
import { readCookie, SESSION_COOKIE } from './session-cookie';

interface HeadersRequest {
  headers: Record<string, string | string[] | undefined>;
}

const fromBearer = ExtractJwt.fromAuthHeaderAsBearerToken();
const fromSessionCookie = (request: HeadersRequest): string | null => {
  const header = request.headers.cookie;
  return readCookie(Array.isArray(header) ? header.join('; ') : header, SESSION_COOKIE) ?? null;
};

// API clients send the token as a Bearer header; the dashboard's browser sends the session cookie.
// A Bearer header wins when both are present, so API clients behave exactly as before.
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@InjectConfig() config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([fromBearer, fromSessionCookie]),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  validate(request: HeadersRequest, payload: JwtPayload): AuthenticatedUser | false {
    const user: AuthenticatedUser = { userId: payload.sub, email: payload.email };
    // passport-jwt's extractor types want the Express request; ours only reads headers.
    if (fromBearer(request as Parameters<typeof fromBearer>[0])) return user;
    // A cookie must hold a session token: without its id there is no CSRF token to check against.
    if (!payload.sid || payload.exp === undefined) return false;
    return { ...user, session: { id: payload.sid, expiresAt: new Date(payload.exp * 1000) } };
  }
}
