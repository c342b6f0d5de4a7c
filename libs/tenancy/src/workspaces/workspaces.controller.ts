import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WorkspaceParam } from '../access/workspace-param.decorator';
import { RequireRole } from '../access/require-role.decorator';
import { AuthenticatedUser, CurrentUser, CurrentWorkspace, WorkspaceContext } from '../access/workspace-context';
import { CreateWorkspaceDto, UpdateWorkspaceDto, WorkspaceView } from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('v1/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @ApiCreatedResponse({ type: WorkspaceView })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateWorkspaceDto): Promise<WorkspaceView> {
    return this.workspaces.createWithOwner(user.userId, body.name);
  }

  @Get()
  @ApiOkResponse({ type: [WorkspaceView] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<WorkspaceView[]> {
    return this.workspaces.listForUser(user.userId);
  }

  @Get(':workspaceId')
  @ApiOkResponse({ type: WorkspaceView })
  @WorkspaceParam()
  get(@CurrentWorkspace() ws: WorkspaceContext): Promise<WorkspaceView> {
    return this.workspaces.get(ws.workspaceId, ws.role);
  }

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

  @Delete(':workspaceId')
  @WorkspaceParam()
  @RequireRole('owner')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentWorkspace() ws: WorkspaceContext): Promise<void> {
    await this.workspaces.delete(ws.workspaceId);
  }
}
