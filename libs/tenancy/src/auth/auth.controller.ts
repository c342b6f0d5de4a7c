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
  @ApiErrors(400, [409, 'An account with this email exists: log in instead (`details.code: email_taken`)'], 413)
  @Post('auth/signup')
  @ApiCreatedResponse({ type: SignupResponse })
  @Header('Cache-Control', 'no-store')
  signup(@Body() body: SignupDto, @Ip() ip: string): Promise<SignupResponse> {
    return this.auth.signup(body.email, body.password, body.workspaceName, { ip });
  }

  @Public()
  @ApiOperation({ summary: 'Log in: a JWT for the dashboard API' })
  @ApiErrors(400, [401, 'Wrong email or password'], 413)
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
