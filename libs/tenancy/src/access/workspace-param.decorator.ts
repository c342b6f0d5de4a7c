import { ApiParam } from '@nestjs/swagger';

// Documents :workspaceId in OpenAPI; the WorkspaceAccessGuard, not a pipe, resolves and checks it.
export const WorkspaceParam = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'workspaceId', format: 'uuid', description: 'A workspace you are a member of' });
