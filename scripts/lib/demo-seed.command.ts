// Run by `npm run dev` once the api answers: makes (or reuses) the demo account and workspace
// through the public API, sends a few events, and prints the dashboard URL and login.
const apiUrl = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
const DEMO_EMAIL = process.env.DEMO_EMAIL ?? 'demo@tracklayer.local';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'tracklayer-demo';
const sandboxUrl = `http://127.0.0.1:${process.env.SANDBOX_PORT ?? '3900'}`;
const DEMO_PIXEL = { pixelCode: 'CDEMOPIXEL0000000001', accessToken: 'tracklayer-demo-sandbox-token' };

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function waitForApi(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${apiUrl}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The api did not become ready at ${apiUrl} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function main(): Promise<void> {
  await waitForApi();
  const signup = await call<{ accessToken: string }>('POST', '/v1/auth/signup', {
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    workspaceName: 'Demo Shop',
  });
  let token = signup.body.accessToken;
  if (signup.status === 409) {
    const login = await call<{ accessToken: string }>('POST', '/v1/auth/login', { email: DEMO_EMAIL, password: DEMO_PASSWORD });
    if (login.status !== 200) throw new Error(`Could not log in as ${DEMO_EMAIL}: ${JSON.stringify(login.body)}`);
    token = login.body.accessToken;
  } else if (signup.status !== 201) {
    throw new Error(`Could not create the demo account: ${JSON.stringify(signup.body)}`);
  }
  const me = await call<{ workspaces: Array<{ id: string; name: string }> }>('GET', '/v1/me', undefined, token);
  const workspace = me.body.workspaces[0];
  // The full key is shown only once, so every dev start issues a fresh one.
  const key = await call<{ key: string }>('POST', `/v1/workspaces/${workspace.id}/ingest-keys`, {
    name: `npm run dev ${new Date().toISOString()}`,
  }, token);
  if (key.status !== 201) throw new Error(`Could not create an ingest key: ${JSON.stringify(key.body)}`);

  const connector = await ensureDemoConnector(workspace.id, token);
  await sendDemoEvents(key.body.key);

  const lines = [
    '',
    'TrackLayer is running',
    `  API           ${apiUrl}   (OpenAPI: ${apiUrl}/docs)`,
    `  Dashboard     ${apiUrl}/   (log in as ${DEMO_EMAIL} / ${DEMO_PASSWORD})`,
    `  Workspace     ${workspace.name} (${workspace.id})`,
    `  Ingest key    ${key.body.key}`,
    `  TikTok        ${connector}`,
    `  Send an event curl -s ${apiUrl}/v1/ingest -H 'Authorization: Bearer ${key.body.key}' -H 'content-type: application/json' \\`,
    `                  -d '{"event":"purchase","user":{"email":"ada@example.com"},"page":{"url":"https://shop.example/?ttclid=E.C.P.demo"},"properties":{"value":42,"currency":"USD"}}'`,
    `  See it        ${sandboxUrl}/sandbox/events (what TikTok received) and GET ${apiUrl}/v1/workspaces/${workspace.id}/metrics`,
    '',
  ];
  console.log(lines.join('\n'));
}

// In development TikTok is the local sandbox: register the demo pixel there and connect it, so an
// event sent to the ingest key shows up at ${sandboxUrl}/sandbox/events.
async function ensureDemoConnector(workspaceId: string, token: string): Promise<string> {
  if (process.env.TIKTOK_API_BASE_URL !== sandboxUrl) return `not connected (TIKTOK_API_BASE_URL is ${process.env.TIKTOK_API_BASE_URL})`;
  await fetch(`${sandboxUrl}/sandbox/pixels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_PIXEL),
  });
  const path = `/v1/workspaces/${workspaceId}/connectors`;
  const existing = await call<Array<{ pixelCode: string }>>('GET', path, undefined, token);
  if (!existing.body.some((c) => c.pixelCode === DEMO_PIXEL.pixelCode)) {
    const created = await call('POST', path, { platform: 'tiktok', name: 'Demo pixel (sandbox)', ...DEMO_PIXEL }, token);
    if (created.status !== 201) throw new Error(`Could not connect the demo pixel: ${JSON.stringify(created.body)}`);
  }
  return `pixel ${DEMO_PIXEL.pixelCode} on the sandbox (${sandboxUrl}/sandbox/events)`;
}

// A visitor's short journey from a TikTok ad, so the dashboard's Events and Health pages have
// something to show: the landing carries the ttclid, the later events get it restored.
async function sendDemoEvents(ingestKey: string): Promise<void> {
  const visitor = `demo-visitor-${Date.now().toString(36)}`;
  const batch = [
    { event: 'page_view', anonymous_id: visitor, page: { url: 'https://shop.example/?ttclid=E.C.P.demo' }, cookies: { _ttp: 'demo-ttp-1' } },
    { event: 'add_to_cart', anonymous_id: visitor, properties: { value: 42, currency: 'USD', contents: [{ content_id: 'sku-1', quantity: 1 }] } },
    { event: 'purchase', anonymous_id: visitor, user: { email: 'ada@example.com' }, properties: { value: 42, currency: 'USD', order_id: visitor } },
  ];
  const response = await fetch(`${apiUrl}/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
    body: JSON.stringify({ batch }),
  });
  if (response.status !== 202) throw new Error(`Could not send the demo events: HTTP ${response.status} ${await response.text()}`);
}

main().catch((error: unknown) => {
  console.error(`demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
