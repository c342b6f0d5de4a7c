export * from './access/require-role.decorator';
export * from './access/role';
export * from './access/workspace-context';
export * from './access/workspace-param.decorator';
export * from './tenancy.module';
export * from './workspaces/workspace-settings';
export * from './workspaces/workspaces.service';
