import { RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
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
  return routeHandlers(app).map(({ route }) => route);
}

// The same walk, with whether the handler takes the request body (an @Body() parameter).
export function apiRoutesReadingBody(app: INestApplication): ApiRoute[] {
  return routeHandlers(app)
    .filter(({ controller, name }) => {
      // Nest keeps a handler's parameter decorators on the controller class, keyed `<type>:<index>`.
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
      return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
    })
    .map(({ route }) => route);
}

interface RouteHandler {
  route: ApiRoute;
  controller: Type;
  name: string;
}

function routeHandlers(app: INestApplication): RouteHandler[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const routes: RouteHandler[] = [];
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
        const route: ApiRoute = {
          method: RequestMethod[method],
          path,
          public: meta<boolean>(IS_PUBLIC) === true,
          ingestKey: guards.includes(IngestKeyGuard) || meta<boolean>(INGEST_KEY_AUTH) === true,
          workspaceScoped: path.split('/').includes(':workspaceId'),
          requiredRole: meta<string>(REQUIRED_ROLE) ?? null,
        };
        routes.push({ route, controller, name });
      }
    }
  }
  return routes.sort(({ route: a }, { route: b }) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
