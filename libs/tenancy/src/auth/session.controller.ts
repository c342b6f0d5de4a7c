import { Body, Controller, Delete, Get, Header, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainError, Public } from '@app/core';
import { AuthenticatedUser, CurrentUser } from '../access/workspace-context';
import { LoginDto } from './dto/login.dto';
import { SessionResponse } from './dto/session.dto';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { SessionService } from './session.service';

interface SessionRequest {
  protocol: string;
  headers: Record<string, string | string[] | undefined>;
}

interface SessionReply {
  header(name: string, value: string): SessionReply;
}

// The dashboard's cookie session (docs/dashboard.md, "Session"). API clients keep using
// POST /v1/auth/login and a Bearer header; nothing here changes them.
@ApiTags('auth')
@Controller('v1/auth/session')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Public()
  @ApiOperation({ summary: 'Log in to the dashboard: a cookie session (httpOnly tl_session) and its CSRF token' })
  @ApiErrors(
    [400, 'Invalid input, or not sent as application/json (`details.code: json_required`)'],
    [401, 'Wrong email or password'],
    413,
    [429, 'Too many attempts from this address (`too_many_attempts`) or failures for this account (`account_locked`); retry after `Retry-After`'],
    [503, 'Too many sign-ins are being checked right now (`busy`); retry after `Retry-After`'],
  )
  @Post()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: SessionResponse, description: 'Sets the httpOnly tl_session cookie' })
  async start(
    @Req() request: SessionRequest,
    @Res({ passthrough: true }) reply: SessionReply,
    @Body() body: LoginDto,
    @Ip() ip: string,
  ): Promise<SessionResponse> {
    // A form on another site can post text/plain (which this API parses as JSON, for beacons) but
    // never application/json: this keeps other sites from logging a browser into their account.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new DomainError('bad_request', 'json_required', 'Send the login as application/json', { field: 'content-type' });
    }
    const session = await this.sessions.start(body.email, body.password, { ip });
    reply.header('set-cookie', sessionCookie(session.token, { maxAgeSeconds: session.maxAgeSeconds, secure: request.protocol === 'https' }));
    return session.view;
  }

  @ApiCookieAuth()
  @ApiOperation({ summary: 'The current dashboard session: its user, CSRF token and expiry' })
  @ApiErrors([400, 'The request used a Bearer token, not a session (`details.code: not_a_session`)'], 401)
  @Get()
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: SessionResponse })
  describe(@CurrentUser() user: AuthenticatedUser): SessionResponse {
    const view = this.sessions.describe(user);
    if (!view) {
      throw new DomainError('bad_request', 'not_a_session', 'This request used a Bearer token: there is no dashboard session to describe');
    }
    return view;
  }

  // Public so that an expired session can still clear its cookie.
  @Public()
  @ApiOperation({ summary: 'Log out of the dashboard: clears the session cookie (public, so an expired session can too)' })
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Clears the tl_session cookie' })
  end(@Req() request: SessionRequest, @Res({ passthrough: true }) reply: SessionReply): void {
    reply.header('set-cookie', clearedSessionCookie(request.protocol === 'https'));
  }
}
