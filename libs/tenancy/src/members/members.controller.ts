import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
import { RequireRole } from '../access/require-role.decorator';
import { CurrentWorkspace, WorkspaceContext } from '../access/workspace-context';
import { WorkspaceParam } from '../access/workspace-param.decorator';
import { CreatedInvitationView, CreateInvitationDto } from '../invitations/dto/invitation.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { MemberView, UpdateMemberDto } from './dto/member.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@WorkspaceParam()
@ApiErrors(401, 404)
@Controller('v1/workspaces/:workspaceId/members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @ApiOperation({ summary: 'The members of the workspace and their roles' })
  @Get()
  @ApiOkResponse({ type: [MemberView] })
  list(@CurrentWorkspace() ws: WorkspaceContext): Promise<MemberView[]> {
    return this.members.list(ws.workspaceId);
  }

  // Adding a member invites them (POST .../invitations): the same answer whether or not the email
  // has an account; they join when they accept.
  @ApiOperation({ summary: 'Invite someone as a member (admin; owner to invite an owner): the same as POST .../invitations' })
  @ApiErrors(400, 403, [409, 'Already a member (`details.code: already_member`)'], 413)
  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: CreatedInvitationView })
  @Header('Cache-Control', 'no-store')
  add(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: CreateInvitationDto): Promise<CreatedInvitationView> {
    return this.invitations.create(ws, body.email, body.role);
  }

  @ApiOperation({ summary: "Change a member's role (admin; owner for owner roles)" })
  @ApiErrors(400, 403, [409, 'It would leave the workspace without an owner (`details.code: last_owner`)'], 413)
  @Patch(':userId')
  @RequireRole('admin')
  @ApiOkResponse({ type: MemberView })
  changeRole(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Param('userId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) userId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberView> {
    return this.members.changeRole(ws, userId, body.role);
  }

  @ApiOperation({ summary: 'Remove a member (admin), or leave the workspace (yourself)' })
  @ApiErrors(403, [409, 'It would leave the workspace without an owner (`details.code: last_owner`)'])
  @Delete(':userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Param('userId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) userId: string,
  ): Promise<void> {
    await this.members.remove(ws, userId);
  }
}
