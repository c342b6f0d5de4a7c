import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
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

  @ApiOperation({ summary: "The caller's open invitations (for the caller's email), with each workspace's name" })
  @ApiErrors(401)
  @Get('me/invitations')
  @ApiOkResponse({ type: [MyInvitationView], description: "Open invitations for the caller's email (never their tokens)" })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyInvitationView[]> {
    return this.invitations.listMine(user.userId);
  }

  @ApiOperation({ summary: 'Accept an invitation with the token of its link, signed in with the invited email' })
  @ApiErrors(
    401,
    [403, 'Signed in with another email than the invited one (`invitation_for_another_email`; it stays open), or a session change without its X-CSRF-Token'],
    [404, 'Unknown, expired, revoked or already used (`details.code: invitation_not_found`)'],
  )
  @Post('invitations/:token/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkspaceMembershipView, description: 'The workspace joined, with the role now held in it' })
  accept(@CurrentUser() user: AuthenticatedUser, @Param('token') token: string): Promise<WorkspaceMembershipView> {
    return this.invitations.accept(user.userId, token);
  }
}
