import { Body, Controller, Get, Header, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '@app/core';
import { AuthenticatedUser, CurrentUser } from '../access/workspace-context';
import { AuthService } from './auth.service';
import { LoginResponse, MeResponse, SignupResponse } from './dto/auth-responses.dto';
import { LoginDto } from './dto/login.dto';
import { SignupDto } from './dto/signup.dto';

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  // Answers that carry a token are never stored by a browser or a proxy.
  @Public()
  @ApiOperation({ summary: 'Create an account and its first workspace (the caller is its owner)' })
  @ApiErrors(
    [400, 'Invalid input, or a common or guessable password (`details.code: weak_password`)'],
    [409, 'The email has an account and this is not its password (`details.code: email_taken`); with its password, the answer is 201'],
    413,
    [429, 'Too many signups from this address (`too_many_signups`), or the account is locked (`account_locked`); retry after `Retry-After`'],
  )
  @Post('auth/signup')
  @ApiCreatedResponse({ type: SignupResponse })
  @Header('Cache-Control', 'no-store')
  signup(@Body() body: SignupDto, @Ip() ip: string): Promise<SignupResponse> {
    return this.auth.signup(body.email, body.password, body.workspaceName, { ip });
  }

  @Public()
  @ApiOperation({ summary: 'Log in: a JWT for the dashboard API' })
  @ApiErrors(
    400,
    [401, 'Wrong email or password'],
    413,
    [429, 'Too many attempts from this address (`too_many_attempts`) or failures for this account (`account_locked`); retry after `Retry-After`'],
    [503, 'Too many sign-ins are being checked right now (`busy`); retry after `Retry-After`'],
  )
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @Header('Cache-Control', 'no-store')
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, { ip });
  }

  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller and the workspaces they belong to, with their role in each' })
  @ApiErrors(401)
  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeResponse> {
    return this.auth.me(user.userId);
  }
}
