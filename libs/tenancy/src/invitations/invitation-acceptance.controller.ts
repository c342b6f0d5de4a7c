import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '../access/workspace-context';
import { WorkspaceMembershipView } from '../auth/dto/auth-responses.dto';
import { MyInvitationView } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

// The invited person's side: their open invitations, and accepting one with its link's token.
@ApiTags('members')
@ApiBearerAuth()
@Controller('v1')
export class InvitationAcceptanceController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('me/invitations')
  @ApiOkResponse({ type: [MyInvitationView], description: "Open invitations for the caller's email (never their tokens)" })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyInvitationView[]> {
    return this.invitations.listMine(user.userId);
  }

  @Post('invitations/:token/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkspaceMembershipView, description: 'The workspace joined, with the role now held in it' })
  accept(@CurrentUser() user: AuthenticatedUser, @Param('token') token: string): Promise<WorkspaceMembershipView> {
    return this.invitations.accept(user.userId, token);
  }
}
