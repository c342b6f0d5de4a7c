import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
import { WorkspaceParam } from '../access/workspace-param.decorator';
import { RequireRole } from '../access/require-role.decorator';
import { AuthenticatedUser, CurrentUser, CurrentWorkspace, WorkspaceContext } from '../access/workspace-context';
import { CreateWorkspaceDto, UpdateWorkspaceDto, WorkspaceView } from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('v1/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @ApiOperation({ summary: 'Create a workspace; the caller becomes its owner' })
  @ApiErrors(400, [403, 'A dashboard session without its X-CSRF-Token (`details.code: csrf_token_invalid`)'], 413)
  @Post()
  @ApiCreatedResponse({ type: WorkspaceView })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateWorkspaceDto): Promise<WorkspaceView> {
    return this.workspaces.createWithOwner(user.userId, body.name);
  }

  @ApiOperation({ summary: 'The workspaces the caller belongs to' })
  @Get()
  @ApiOkResponse({ type: [WorkspaceView] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<WorkspaceView[]> {
    return this.workspaces.listForUser(user.userId);
  }

  @ApiOperation({ summary: 'One workspace, with its settings' })
  @ApiErrors(404)
  @Get(':workspaceId')
  @ApiOkResponse({ type: WorkspaceView })
  @WorkspaceParam()
  get(@CurrentWorkspace() ws: WorkspaceContext): Promise<WorkspaceView> {
    return this.workspaces.get(ws.workspaceId, ws.role);
  }

  @ApiOperation({ summary: 'Rename the workspace, change its slug or its settings (admin)' })
  @ApiErrors(400, 403, 404, [409, 'The slug is taken (`details.code: slug_taken`)'], 413)
  @Patch(':workspaceId')
  @ApiOkResponse({ type: WorkspaceView })
  @WorkspaceParam()
  @RequireRole('admin')
  update(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Body() body: UpdateWorkspaceDto,
  ): Promise<WorkspaceView> {
    return this.workspaces.update(ws.workspaceId, ws.role, body);
  }

  @ApiOperation({ summary: 'Delete the workspace and everything in it (owner)' })
  @ApiErrors(403, 404)
  @Delete(':workspaceId')
  @WorkspaceParam()
  @RequireRole('owner')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentWorkspace() ws: WorkspaceContext): Promise<void> {
    await this.workspaces.delete(ws.workspaceId);
  }
}
