import { randomBytes } from 'node:crypto';
import { expectStatus, requestJson } from '../support/http-json';

export interface IngestTarget {
  workspaceId: string;
  ingestKey: string;
  connectorId: string;
  pixelCode: string;
}

// Sets TrackLayer up the way a customer does, through the public API only (docs/api.md):
// an account, a workspace per measured scenario, an ingest key and one active TikTok connector.
export class TrackLayerSetup {
  private token = '';

  constructor(
    private readonly apiUrl: string,
    private readonly sandboxUrl: string,
  ) {}

  async signUp(): Promise<void> {
    const body = await expectStatus<{ accessToken: string }>(
      'signup',
      201,
      requestJson('POST', `${this.apiUrl}/v1/auth/signup`, {
        email: `bench-${Date.now()}@tracklayer.local`,
        password: randomBytes(12).toString('hex'),
        workspaceName: 'Bench',
      }),
    );
    this.token = body.accessToken;
  }

  // A workspace of its own per scenario: deliveries are created for every connector of the event's
  // workspace, so scenarios sharing one would deliver each other's events.
  async ingestTarget(name: string): Promise<IngestTarget> {
    const workspace = await this.call<{ id: string }>('create workspace', 201, 'POST', '/v1/workspaces', { name });
    const key = await this.call<{ key: string }>('create ingest key', 201, 'POST', `/v1/workspaces/${workspace.id}/ingest-keys`, {
      name: `bench ${name}`,
    });
    return this.addConnector({ workspaceId: workspace.id, ingestKey: key.key }, name);
  }

  // One more active TikTok connector (its own sandbox pixel) in the target's workspace.
  async addConnector(target: Pick<IngestTarget, 'workspaceId' | 'ingestKey'>, name: string): Promise<IngestTarget> {
    const workspace = { id: target.workspaceId };
    const pixelCode = `CBENCH${randomBytes(7).toString('hex').toUpperCase()}`;
    const accessToken = randomBytes(20).toString('hex');
    // Connector creation checks the credentials live, so the sandbox must know the pixel first.
    await expectStatus('register sandbox pixel', 201, requestJson('POST', `${this.sandboxUrl}/sandbox/pixels`, { pixelCode, accessToken }));
    const connector = await this.call<{ id: string; status: string }>('create connector', 201, 'POST', `/v1/workspaces/${workspace.id}/connectors`, {
      platform: 'tiktok',
      name: `bench ${name}`,
      pixelCode,
      accessToken,
    });
    if (connector.status !== 'active') throw new Error(`connector for ${name} is ${connector.status}, not active`);
    return { workspaceId: workspace.id, ingestKey: target.ingestKey, connectorId: connector.id, pixelCode };
  }

  async deleteConnector(target: IngestTarget): Promise<void> {
    await this.call('delete connector', 204, 'DELETE', `/v1/workspaces/${target.workspaceId}/connectors/${target.connectorId}`);
  }

  private call<T>(what: string, expected: number, method: string, path: string, body?: unknown): Promise<T> {
    return expectStatus<T>(what, expected, requestJson(method, `${this.apiUrl}${path}`, body, { authorization: `Bearer ${this.token}` }));
  }
}
