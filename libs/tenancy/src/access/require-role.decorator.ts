import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const REQUIRED_ROLE = 'tracklayer:requiredRole';

// On routes under /v1/workspaces/:workspaceId; without it any member (viewer and up) may call.
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, role);
