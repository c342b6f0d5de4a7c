import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, LimitQueryDto } from '@app/core';
import { RequireRole } from '../access/require-role.decorator';
import { CurrentWorkspace, WorkspaceContext } from '../access/workspace-context';
import { WorkspaceParam } from '../access/workspace-param.decorator';
import { CreatedInvitationView, CreateInvitationDto, InvitationView } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('members')
@ApiBearerAuth()
@WorkspaceParam()
@ApiErrors(401, 404)
@Controller('v1/workspaces/:workspaceId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  // The answer carries the one-time token: never stored by a browser or a proxy.
  @ApiOperation({ summary: 'Invite someone by email (admin; owner to invite an owner): the one-time link is in this answer only' })
  @ApiErrors(400, 403, [409, 'Already a member (`details.code: already_member`)'], 413)
  @Post()
  @RequireRole('admin')
  @Header('Cache-Control', 'no-store')
  @ApiCreatedResponse({ type: CreatedInvitationView })
  create(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: CreateInvitationDto): Promise<CreatedInvitationView> {
    return this.invitations.create(ws, body.email, body.role);
  }

  @ApiOperation({ summary: "The workspace's invitations, newest first, in every state (never their tokens)" })
  @ApiErrors(400)
  @Get()
  @ApiOkResponse({ type: [InvitationView] })
  list(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: LimitQueryDto): Promise<InvitationView[]> {
    return this.invitations.list(ws.workspaceId, query.limit ?? 50);
  }

  @ApiOperation({ summary: 'Revoke an invitation (admin; owner for an owner invitation): its link stops working' })
  @ApiErrors(403, [409, 'Already accepted (`details.code: invitation_accepted`)'])
  @Delete(':invitationId')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The invitation link stops working' })
  async revoke(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Param('invitationId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(ws, invitationId);
  }
}
