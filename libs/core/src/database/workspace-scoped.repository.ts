import { Inject, Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  DataSource,
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export interface WorkspaceOwned extends ObjectLiteral {
  workspaceId: string;
}

type ScopedWhere<T> = Omit<FindOptionsWhere<T>, 'workspaceId'>;
// TypeScript cannot see that {} satisfies a mapped type over a generic T.
const ANY_ROW = {};

// The only door to workspace-owned tables: every method takes the workspace id first and puts it
// into the WHERE itself, so an unscoped read, update or delete cannot be written by accident.
// (A test forbids @InjectRepository/getRepository for owned entities anywhere else.)
export class WorkspaceScopedRepository<T extends WorkspaceOwned> {
  constructor(private readonly repository: Repository<T>) {}

  withManager(manager: EntityManager): WorkspaceScopedRepository<T> {
    return new WorkspaceScopedRepository(manager.getRepository<T>(this.repository.target));
  }

  private scoped(workspaceId: string, where: ScopedWhere<T> = ANY_ROW as ScopedWhere<T>): FindOptionsWhere<T> {
    if (!workspaceId) throw new Error('workspaceId is required for a workspace-owned query');
    return { ...where, workspaceId } as FindOptionsWhere<T>;
  }

  find(
    workspaceId: string,
    where: ScopedWhere<T> = ANY_ROW as ScopedWhere<T>,
    options: { order?: FindOptionsOrder<T>; take?: number; skip?: number } = {},
  ): Promise<T[]> {
    const findOptions: FindManyOptions<T> = { where: this.scoped(workspaceId, where), ...options };
    return this.repository.find(findOptions);
  }

  findOne(workspaceId: string, where: ScopedWhere<T>): Promise<T | null> {
    return this.repository.findOne({ where: this.scoped(workspaceId, where) });
  }

  count(workspaceId: string, where: ScopedWhere<T> = ANY_ROW as ScopedWhere<T>): Promise<number> {
    return this.repository.count({ where: this.scoped(workspaceId, where) });
  }

  async insert(workspaceId: string, values: Omit<DeepPartial<T>, 'workspaceId'>): Promise<T> {
    const entity = this.repository.create({ ...values, workspaceId } as DeepPartial<T>);
    return this.repository.save(entity);
  }

  async update(workspaceId: string, where: ScopedWhere<T>, patch: QueryDeepPartialEntity<T>): Promise<number> {
    const result = await this.repository.update(this.scoped(workspaceId, where), patch);
    return result.affected ?? 0;
  }

  async delete(workspaceId: string, where: ScopedWhere<T>): Promise<number> {
    const result = await this.repository.delete(this.scoped(workspaceId, where));
    return result.affected ?? 0;
  }

  // For queries the find API cannot express; the workspace condition is already in place.
  queryBuilder(workspaceId: string, alias: string): SelectQueryBuilder<T> {
    if (!workspaceId) throw new Error('workspaceId is required for a workspace-owned query');
    return this.repository.createQueryBuilder(alias).where(`${alias}.workspaceId = :workspaceId`, { workspaceId });
  }
}

export function scopedRepositoryToken(entity: Function): string {
  return `WorkspaceScopedRepository<${entity.name}>`;
}

export function provideScopedRepository<T extends WorkspaceOwned>(entity: EntityTarget<T> & Function): Provider {
  return {
    provide: scopedRepositoryToken(entity),
    useFactory: (dataSource: DataSource) => new WorkspaceScopedRepository<T>(dataSource.getRepository(entity)),
    inject: [getDataSourceToken()],
  };
}

export const InjectScopedRepository = (entity: Function): ParameterDecorator => Inject(scopedRepositoryToken(entity));
