import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LimitQueryDto } from '@app/core';
import { RequireRole } from '../access/require-role.decorator';
import { CurrentWorkspace, WorkspaceContext } from '../access/workspace-context';
import { WorkspaceParam } from '../access/workspace-param.decorator';
import { CreatedInvitationView, CreateInvitationDto, InvitationView } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('members')
@ApiBearerAuth()
@WorkspaceParam()
@Controller('v1/workspaces/:workspaceId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  // The answer carries the one-time token: never stored by a browser or a proxy.
  @Post()
  @RequireRole('admin')
  @Header('Cache-Control', 'no-store')
  @ApiCreatedResponse({ type: CreatedInvitationView })
  create(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: CreateInvitationDto): Promise<CreatedInvitationView> {
    return this.invitations.create(ws, body.email, body.role);
  }

  @Get()
  @ApiOkResponse({ type: [InvitationView] })
  list(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: LimitQueryDto): Promise<InvitationView[]> {
    return this.invitations.list(ws.workspaceId, query.limit ?? 50);
  }

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
