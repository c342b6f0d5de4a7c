import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig, APP_CONFIG } from '@app/core';
import { WorkspaceAccessGuard } from './access/workspace-access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { PasswordHasher } from './auth/password.hasher';
import { PasswordPolicy } from './auth/password.policy';
import { SignInThrottle } from './auth/sign-in.throttle';
import { SessionController } from './auth/session.controller';
import { SessionService } from './auth/session.service';
import { InvitationAcceptanceController } from './invitations/invitation-acceptance.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsRepository } from './invitations/invitations.repository';
import { InvitationsService } from './invitations/invitations.service';
import { MembersController } from './members/members.controller';
import { MembershipsRepository } from './members/memberships.repository';
import { MembersService } from './members/members.service';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { UsersRepository } from './users/users.repository';
import { WorkspacesRepository } from './workspaces/workspaces.repository';
import { WorkspacesService } from './workspaces/workspaces.service';

// Guard order matters: the JWT guard identifies the caller, then the workspace guard resolves
// :workspaceId against the caller's memberships. Both apply to every route of the app.
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        // jsonwebtoken accepts strings like "12h"; the config validated the format.
        signOptions: { expiresIn: config.jwtExpiresIn as unknown as number, algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, SessionController, WorkspacesController, MembersController, InvitationsController, InvitationAcceptanceController],
  providers: [
    PasswordHasher,
    PasswordPolicy,
    SignInThrottle,
    JwtStrategy,
    AuthService,
    SessionService,
    WorkspacesService,
    MembersService,
    InvitationsService,
    InvitationsRepository,
    UsersRepository,
    WorkspacesRepository,
    MembershipsRepository,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: WorkspaceAccessGuard },
  ],
  exports: [WorkspacesService],
})
export class TenancyModule {}
