import { join } from 'node:path';
import { apiRoutes, ApiRoute, createTestApp, expectSnapshotFile, TestApp } from '@app/testing';

const SNAPSHOT = join(__dirname, 'route-permissions.snapshot.jsonl');
const describeRoute = (route: ApiRoute) =>
  `${route.method} ${route.path}: ${[
    route.public ? 'public' : 'jwt',
    route.ingestKey ? 'ingest key' : null,
    route.workspaceScoped ? 'workspace member' : null,
    route.requiredRole ? `role >= ${route.requiredRole}` : null,
  ]
    .filter(Boolean)
    .join(', ')}`;

// Who may call what, as one reviewed file: a route added, removed, made public or given another
// role changes route-permissions.snapshot.jsonl, so the change shows up as a diff in review.
// Regenerate it deliberately with UPDATE_SNAPSHOTS=1.
describe('route permissions', () => {
  let t: TestApp;
  let routes: ApiRoute[];

  beforeAll(async () => {
    t = await createTestApp({ TRACKLAYER_ROLES: 'api' });
    routes = apiRoutes(t.app);
  });
  afterAll(() => t.close());

  it('match the committed snapshot', () => {
    // One JSON object per line and route, so a diff names exactly the routes that changed.
    expectSnapshotFile(SNAPSHOT, `${routes.map((route) => JSON.stringify(route)).join('\n')}\n`, 'Route permissions', 'npx jest test/permissions');
  });

  it('gives no route a role it cannot check (@RequireRole needs :workspaceId)', () => {
    expect(routes.filter((r) => r.requiredRole && !r.workspaceScoped).map(describeRoute)).toEqual([]);
  });

  it('puts no workspace route behind @Public or an ingest key instead of a member check', () => {
    expect(routes.filter((r) => r.workspaceScoped && (r.public || r.ingestKey)).map(describeRoute)).toEqual([]);
  });

  it('finds the routes of every feature module', () => {
    const prefixes = new Set(routes.map((r) => r.path.split('/').slice(0, 5).join('/')));
    expect([...prefixes]).toEqual(
      expect.arrayContaining(['/v1/auth/login', '/v1/workspaces/:workspaceId/members', '/v1/workspaces/:workspaceId/connectors', '/v1/ingest', '/health']),
    );
  });
});
