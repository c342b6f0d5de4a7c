import TestAgent from 'supertest/lib/agent';
import { bearer, SignedUpUser, signUp } from './dashboard-client';
import { SandboxMetaPixel, SandboxPixel, TestSandbox } from './test-sandbox';

export interface IngestWorkspace extends SignedUpUser {
  ingestKey: string;
  connectorId?: string;
  pixel?: SandboxPixel;
}

// A signed-up workspace with an ingest key and, when a sandbox is given, one TikTok connector.
export async function ingestWorkspace(http: TestAgent, label: string, sandbox?: TestSandbox): Promise<IngestWorkspace> {
  const user = await signUp(http, label);
  const key = await http.post(`/v1/workspaces/${user.workspaceId}/ingest-keys`).set(bearer(user.token)).send({ name: label }).expect(201);
  let connectorId: string | undefined;
  let pixel: SandboxPixel | undefined;
  if (sandbox) {
    pixel = await sandbox.registerPixel();
    const connector = await http
      .post(`/v1/workspaces/${user.workspaceId}/connectors`)
      .set(bearer(user.token))
      .send({ platform: 'tiktok', name: 'TikTok', ...pixel })
      .expect(201);
    connectorId = connector.body.id;
  }
  return { ...user, ingestKey: key.body.key, connectorId, pixel };
}

export interface MetaConnection extends SandboxMetaPixel {
  connectorId: string;
  // The API's answer to the connector's creation.
  created: Record<string, unknown>;
}

// A Meta pixel registered at the sandbox and connected to the workspace.
export async function connectMeta(http: TestAgent, ws: Pick<SignedUpUser, 'workspaceId' | 'token'>, sandbox: TestSandbox): Promise<MetaConnection> {
  const pixel = await sandbox.registerMetaPixel();
  const created = await http.post(`/v1/workspaces/${ws.workspaceId}/connectors`).set(bearer(ws.token)).send({ platform: 'meta', name: 'Meta', ...pixel }).expect(201);
  return { ...pixel, connectorId: created.body.id, created: created.body };
}
