export * from './access/require-role.decorator';
export * from './access/role';
export * from './access/workspace-context';
export * from './access/workspace-param.decorator';
export * from './entities/membership.entity';
export * from './entities/user.entity';
export * from './entities/workspace.entity';
export * from './tenancy.module';
