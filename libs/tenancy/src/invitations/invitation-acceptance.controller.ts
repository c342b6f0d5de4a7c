import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '../access/workspace-context';
import { AcceptedInvitationView, MyInvitationView } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

// The invited person's side: their open invitations, and accepting one with its link's token.
@ApiTags('members')
@ApiBearerAuth()
@Controller('v1')
export class InvitationAcceptanceController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('me/invitations')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyInvitationView[]> {
    return this.invitations.listMine(user.userId);
  }

  @Post('invitations/:token/accept')
  @HttpCode(200)
  accept(@CurrentUser() user: AuthenticatedUser, @Param('token') token: string): Promise<AcceptedInvitationView> {
    return this.invitations.accept(user.userId, token);
  }
}
