import { RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { INestApplication } from '@nestjs/common';
import { IS_PUBLIC } from '@app/core';
import { INGEST_KEY_AUTH, IngestKeyGuard } from '@app/ingest';
import { REQUIRED_ROLE } from '@app/tenancy';

// One route of the api as its decorators declare it: who may call it.
export interface ApiRoute {
  method: string;
  path: string;
  // @Public(): no dashboard JWT needed.
  public: boolean;
  // Behind IngestKeyGuard or marked @IngestKeyAuth() (Segment's write key, GA4's api_secret): an
  // ingest key instead of a JWT.
  ingestKey: boolean;
  // Under :workspaceId, so the WorkspaceAccessGuard checks the caller's membership.
  workspaceScoped: boolean;
  requiredRole: string | null;
}

// Every route of every controller the app composes, found with Nest's DiscoveryService (the
// app's own module graph, not a list kept by hand), sorted by path and method.
export function apiRoutes(app: INestApplication): ApiRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const routes: ApiRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | undefined;
    if (!controller) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      // A handler may answer several paths (Segment's /v1/track and /v1/t): one route each.
      const handlerPaths = ([] as unknown[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '').map(String);
      const meta = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
      const guards = [...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[]) ?? []), ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[]) ?? [])];
      for (const handlerPath of handlerPaths) {
        const path = `/${[base, handlerPath].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push({
          method: RequestMethod[method],
          path,
          public: meta<boolean>(IS_PUBLIC) === true,
          ingestKey: guards.includes(IngestKeyGuard) || meta<boolean>(INGEST_KEY_AUTH) === true,
          workspaceScoped: path.split('/').includes(':workspaceId'),
          requiredRole: meta<string>(REQUIRED_ROLE) ?? null,
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
