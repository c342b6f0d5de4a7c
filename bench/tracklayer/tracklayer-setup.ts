import { randomBytes, randomInt } from 'node:crypto';
import type { BenchPlatform } from '../report/bench-results';
import { expectStatus, requestJson } from '../support/http-json';

export interface IngestTarget {
  workspaceId: string;
  ingestKey: string;
  connectorId: string;
  platform: BenchPlatform;
  // TikTok's pixel code or Meta's pixel id: the connector field and the sandbox log's key.
  pixelCode: string;
}

// Sets TrackLayer up the way a customer does, through the public API only (docs/api.md):
// an account, a workspace per measured scenario, an ingest key and one active connector (TikTok
// unless the scenario asks for Meta).
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
  async ingestTarget(name: string, platform: BenchPlatform = 'tiktok'): Promise<IngestTarget> {
    const workspace = await this.call<{ id: string }>('create workspace', 201, 'POST', '/v1/workspaces', { name });
    const key = await this.call<{ key: string }>('create ingest key', 201, 'POST', `/v1/workspaces/${workspace.id}/ingest-keys`, {
      name: `bench ${name}`,
    });
    return this.addConnector({ workspaceId: workspace.id, ingestKey: key.key }, name, platform);
  }

  // One more active connector (its own sandbox pixel) in the target's workspace.
  async addConnector(target: Pick<IngestTarget, 'workspaceId' | 'ingestKey'>, name: string, platform: BenchPlatform = 'tiktok'): Promise<IngestTarget> {
    const workspace = { id: target.workspaceId };
    const { pixelCode, accessToken } = await this.registerSandboxPixel(platform);
    const connector = await this.call<{ id: string; status: string }>('create connector', 201, 'POST', `/v1/workspaces/${workspace.id}/connectors`, {
      platform,
      name: `bench ${name}`,
      pixelCode,
      accessToken,
    });
    if (connector.status !== 'active') throw new Error(`connector for ${name} is ${connector.status}, not active`);
    return { workspaceId: workspace.id, ingestKey: target.ingestKey, connectorId: connector.id, platform, pixelCode };
  }

  // Connector creation checks the credentials live, so the sandbox must know the pixel first. A
  // Meta pixel id is a number, as Meta's are (the connector refuses anything else), and lives on
  // the sandbox's Meta side, apart from TikTok's pixels (docs/sandbox-meta.md).
  private async registerSandboxPixel(platform: BenchPlatform): Promise<{ pixelCode: string; accessToken: string }> {
    if (platform === 'meta') {
      const pixelId = String(1e15 + randomInt(0, 2 ** 48 - 1));
      const accessToken = `EAAB${randomBytes(16).toString('hex')}`;
      await expectStatus('register sandbox Meta pixel', 201, requestJson('POST', `${this.sandboxUrl}/sandbox/pixels`, { platform, pixelId, accessToken }));
      return { pixelCode: pixelId, accessToken };
    }
    const pixelCode = `CBENCH${randomBytes(7).toString('hex').toUpperCase()}`;
    const accessToken = randomBytes(20).toString('hex');
    await expectStatus('register sandbox pixel', 201, requestJson('POST', `${this.sandboxUrl}/sandbox/pixels`, { pixelCode, accessToken }));
    return { pixelCode, accessToken };
  }

  async deleteConnector(target: IngestTarget): Promise<void> {
    await this.call('delete connector', 204, 'DELETE', `/v1/workspaces/${target.workspaceId}/connectors/${target.connectorId}`);
  }

  private call<T>(what: string, expected: number, method: string, path: string, body?: unknown): Promise<T> {
    return expectStatus<T>(what, expected, requestJson(method, `${this.apiUrl}${path}`, body, { authorization: `Bearer ${this.token}` }));
  }
}
