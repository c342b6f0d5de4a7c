import TestAgent from 'supertest/lib/agent';
import { bearer, SignedUpUser, signUp } from './dashboard-client';
import { SandboxPixel, TestSandbox } from './test-sandbox';

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
