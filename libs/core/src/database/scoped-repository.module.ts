import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { provideScopedRepository, scopedRepositoryToken, WorkspaceOwned } from './workspace-scoped.repository';

type OwnedEntity = (new () => WorkspaceOwned) & Function;

// Registers workspace-owned entities and provides only their scoped repositories, so feature
// modules get @InjectScopedRepository(Entity) and nothing that queries across workspaces.
@Module({})
export class ScopedRepositoryModule {
  static forFeature(entities: OwnedEntity[]): DynamicModule {
    const providers = entities.map((entity) => provideScopedRepository(entity));
    return {
      module: ScopedRepositoryModule,
      imports: [TypeOrmModule.forFeature(entities)],
      providers,
      exports: entities.map((entity) => scopedRepositoryToken(entity)),
    };
  }
}
