import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../access/require-role.decorator';
import { CurrentWorkspace, WorkspaceContext } from '../access/workspace-context';
import { WorkspaceParam } from '../access/workspace-param.decorator';
import { AddMemberDto, MemberView, UpdateMemberDto } from './dto/member.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@WorkspaceParam()
@Controller('v1/workspaces/:workspaceId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ type: [MemberView] })
  list(@CurrentWorkspace() ws: WorkspaceContext): Promise<MemberView[]> {
    return this.members.list(ws.workspaceId);
  }

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: MemberView })
  add(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: AddMemberDto): Promise<MemberView> {
    return this.members.add(ws, body.email, body.role);
  }

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
