import { DEMO_META_PIXEL, DEMO_PIXEL } from './demo-pixel';
import { DemoKeyStore } from './demo-key.store';
import { waitUntilAnswering } from './http-ready.wait';

export interface DemoSeedOptions {
  apiUrl: string;
  // The local sandbox when TIKTOK_API_BASE_URL points at it, else null: no demo connector.
  sandboxUrl: string | null;
  tiktokApiBaseUrl: string;
  // The local sandbox when META_API_BASE_URL points at it, else null: no demo Meta connector.
  metaSandboxUrl?: string | null;
  email: string;
  password: string;
  keys: DemoKeyStore;
}

export interface DemoSeedResult {
  apiUrl: string;
  email: string;
  password: string;
  workspace: { id: string; name: string };
  ingestKey: string;
  keyReused: boolean;
  revokedKeys: number;
  notes: string[];
  connector: DemoConnector;
  metaConnector: DemoConnector;
}

type DemoConnector = { id: string; status: string; pixelCode: string; accessToken: string; sandboxUrl: string } | { skipped: string };
type DemoPixel = { pixelCode: string; accessToken: string };

// Demo keys have this name; earlier versions named each one `npm run dev <time>`.
export const DEMO_KEY_NAME = 'npm run dev (demo key)';
const DEMO_WORKSPACE_NAME = 'Demo Shop';
const DEMO_KEY_NAMES = /^npm run dev\b/;

interface KeyView {
  id: string;
  name: string;
  revokedAt: string | null;
}

interface ConnectorView {
  id: string;
  pixelCode: string;
  status: string;
}

interface Answer<T> {
  status: number;
  body: T;
}

// Makes (or finds) the demo account, workspace, ingest key and sandbox connector through the
// public API, so running it at every `npm run dev` start changes nothing the second time: the
// same key is printed again, older demo keys are revoked, the connector is made active.
export async function seedDemo(options: DemoSeedOptions): Promise<DemoSeedResult> {
  const api = new DemoApi(options.apiUrl);
  await api.waitUntilReady();
  const token = await api.logIn(options.email, options.password);
  const me = await api.expect<{ workspaces: Array<{ id: string; name: string }> }>(200, 'GET', '/v1/me', token);
  // The account may have been added to other workspaces since; the demo one keeps its name.
  const workspace = me.body.workspaces.find((w) => w.name === DEMO_WORKSPACE_NAME) ?? me.body.workspaces[0];
  if (!workspace) throw new Error(`${options.email} belongs to no workspace; delete the account or use another DEMO_EMAIL`);

  const notes: string[] = [];
  const key = await demoKey(api, token, workspace.id, options.keys, notes);
  const connector = options.sandboxUrl
    ? await demoConnector(api, token, workspace.id, options.sandboxUrl, 'tiktok', DEMO_PIXEL)
    : { skipped: `not connected (TIKTOK_API_BASE_URL is ${options.tiktokApiBaseUrl}, not the local sandbox)` };
  const metaConnector = options.metaSandboxUrl
    ? await demoConnector(api, token, workspace.id, options.metaSandboxUrl, 'meta', DEMO_META_PIXEL)
    : { skipped: 'not connected (META_API_BASE_URL is not the local sandbox)' };
  await sendDemoEvents(api, key.ingestKey);
  return { apiUrl: options.apiUrl, email: options.email, password: options.password, workspace, ...key, notes, connector, metaConnector };
}

async function demoKey(
  api: DemoApi,
  token: string,
  workspaceId: string,
  store: DemoKeyStore,
  notes: string[],
): Promise<{ ingestKey: string; keyReused: boolean; revokedKeys: number }> {
  const path = `/v1/workspaces/${workspaceId}/ingest-keys`;
  const keys = (await api.expect<KeyView[]>(200, 'GET', path, token)).body;
  const { stored, problem } = store.read();
  if (problem) notes.push(`${problem}; a new demo key replaces it`);

  let inUse: { id: string; key: string } | undefined;
  if (stored && stored.workspaceId === workspaceId && keys.some((k) => k.id === stored.keyId && k.revokedAt === null)) {
    const check = await api.call<{ keyId?: string }>('GET', '/v1/ingest/verify', stored.key);
    if (check.status === 200 && check.body.keyId === stored.keyId) inUse = { id: stored.keyId, key: stored.key };
  }
  const keyReused = inUse !== undefined;
  if (!inUse) {
    const created = await api.expect<{ id: string; key: string }>(201, 'POST', path, token, { name: DEMO_KEY_NAME });
    inUse = { id: created.body.id, key: created.body.key };
    store.write({ workspaceId, keyId: inUse.id, key: inUse.key });
  }

  // Only keys this script made: keys a developer created by hand stay as they are.
  const stale = keys.filter((k) => k.id !== inUse.id && k.revokedAt === null && DEMO_KEY_NAMES.test(k.name));
  for (const k of stale) await api.expect(204, 'DELETE', `${path}/${k.id}`, token);
  return { ingestKey: inUse.key, keyReused, revokedKeys: stale.length };
}

// The pixel itself is registered with the sandbox before the api starts (sandbox-pixels.ts); this
// connects it, or makes a connector that an earlier run left invalid active again.
async function demoConnector(
  api: DemoApi,
  token: string,
  workspaceId: string,
  sandboxUrl: string,
  platform: 'tiktok' | 'meta',
  pixel: DemoPixel,
): Promise<DemoConnector> {
  const path = `/v1/workspaces/${workspaceId}/connectors`;
  const existing = (await api.expect<ConnectorView[]>(200, 'GET', path, token)).body.find((c) => c.pixelCode === pixel.pixelCode);
  const name = platform === 'tiktok' ? 'Demo pixel (sandbox)' : 'Demo Meta pixel (sandbox)';
  let connector: ConnectorView;
  if (!existing) {
    connector = (await api.expect<ConnectorView>(201, 'POST', path, token, { platform, name, ...pixel })).body;
  } else if (existing.status !== 'active') {
    connector = (await api.expect<ConnectorView>(200, 'POST', `${path}/${existing.id}/validate`, token)).body;
  } else {
    connector = existing;
  }
  return { id: connector.id, status: connector.status, ...pixel, sandboxUrl };
}

// A visitor's short journey from an ad, so the dashboard's Events and Health pages have something
// to show: the landing carries the ttclid and fbclid, the later events get them restored.
async function sendDemoEvents(api: DemoApi, ingestKey: string): Promise<void> {
  const visitor = `demo-visitor-${Date.now().toString(36)}`;
  const batch = [
    { event: 'page_view', anonymous_id: visitor, page: { url: 'https://shop.example/?ttclid=E.C.P.demo&fbclid=IwAR_demo' }, cookies: { _ttp: 'demo-ttp-1', _fbp: 'fb.1.1764000000000.1' } },
    { event: 'add_to_cart', anonymous_id: visitor, properties: { value: 42, currency: 'USD', contents: [{ content_id: 'sku-1', quantity: 1 }] } },
    { event: 'purchase', anonymous_id: visitor, user: { email: 'ada@example.com' }, properties: { value: 42, currency: 'USD', order_id: visitor } },
  ];
  await api.expect(202, 'POST', '/v1/ingest', ingestKey, { batch });
}

export function demoBanner(seed: DemoSeedResult): string {
  const { apiUrl, ingestKey } = seed;
  const connector = seed.connector;
  const tiktok =
    'skipped' in connector
      ? [`  TikTok        ${connector.skipped}`]
      : [
          `  TikTok        sandbox ${connector.sandboxUrl}: pixel ${connector.pixelCode}, access token ${connector.accessToken}`,
          `                connector ${connector.id} (${connector.status})`,
        ];
  const metaConnector = seed.metaConnector;
  const meta =
    'skipped' in metaConnector
      ? [`  Meta          ${metaConnector.skipped}`]
      : [
          `  Meta          sandbox ${metaConnector.sandboxUrl}: pixel ${metaConnector.pixelCode}, access token ${metaConnector.accessToken}`,
          `                connector ${metaConnector.id} (${metaConnector.status}); received: ${metaConnector.sandboxUrl}/sandbox/meta/events?pixelId=${metaConnector.pixelCode}`,
        ];
  const seeIt =
    'skipped' in connector
      ? `GET ${apiUrl}/v1/workspaces/${seed.workspace.id}/metrics`
      : `${connector.sandboxUrl}/sandbox/events?pixelCode=${connector.pixelCode} (what TikTok received) and GET ${apiUrl}/v1/workspaces/${seed.workspace.id}/metrics`;
  return [
    '',
    'TrackLayer is running',
    `  API           ${apiUrl}   (OpenAPI: ${apiUrl}/docs)`,
    `  Dashboard     ${apiUrl}/   (log in as ${seed.email} / ${seed.password})`,
    `  Workspace     ${seed.workspace.name} (${seed.workspace.id})`,
    `  Ingest key    ${ingestKey}   (${seed.keyReused ? 'the same as last start' : 'new'}; kept in .local/demo/)`,
    ...tiktok,
    ...meta,
    `  Send an event curl -s ${apiUrl}/v1/ingest -H 'Authorization: Bearer ${ingestKey}' -H 'content-type: application/json' \\`,
    `                  -d '{"event":"purchase","user":{"email":"ada@example.com"},"page":{"url":"https://shop.example/?ttclid=E.C.P.demo"},"properties":{"value":42,"currency":"USD"}}'`,
    `  See it        ${seeIt}`,
    ...(seed.revokedKeys > 0 ? [`  (revoked ${seed.revokedKeys} older demo key(s))`] : []),
    ...seed.notes.map((note) => `  Note: ${note}`),
    '',
  ].join('\n');
}

class DemoApi {
  constructor(private readonly url: string) {}

  waitUntilReady(timeoutMs = 60_000): Promise<void> {
    return waitUntilAnswering(`${this.url}/health/ready`, timeoutMs, 'The api');
  }

  // Logs in, or signs up the first time.
  async logIn(email: string, password: string): Promise<string> {
    const login = await this.call<{ accessToken: string }>('POST', '/v1/auth/login', undefined, { email, password });
    if (login.status === 200) return login.body.accessToken;
    if (login.status !== 401) throw new Error(`Could not log in as ${email}: ${JSON.stringify(login.body)}`);
    const signup = await this.call<{ accessToken: string }>('POST', '/v1/auth/signup', undefined, { email, password, workspaceName: DEMO_WORKSPACE_NAME });
    if (signup.status !== 201) {
      throw new Error(`Could not log in as ${email} (wrong DEMO_PASSWORD?) nor create the account: ${JSON.stringify(signup.body)}`);
    }
    return signup.body.accessToken;
  }

  async expect<T>(status: number, method: string, path: string, token?: string, body?: unknown): Promise<Answer<T>> {
    const answer = await this.call<T>(method, path, token, body);
    if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  }

  async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<Answer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}
