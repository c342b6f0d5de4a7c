import { randomBytes } from 'node:crypto';
import { CREDENTIAL_CHECK_EVENT, TikTokEvent } from '@app/tiktok';
import { RunningSandbox, startSandbox, StartSandboxOptions } from '../../apps/sandbox/src/sandbox.bootstrap';

export interface SandboxRequest {
  requestId: string;
  pixelCode: string | null;
  httpStatus: number;
  code: number | null;
  eventCount: number;
  fault: string | null;
  receivedAt: string;
}

export interface SandboxPixel {
  pixelCode: string;
  accessToken: string;
}

// A Meta pixel, keyed as a connector takes it (Meta's pixel id goes in pixelCode).
export interface SandboxMetaPixel {
  pixelCode: string;
  accessToken: string;
}

export interface SandboxMetaRequest {
  fbtraceId: string;
  method: 'GET' | 'POST';
  pixelId: string;
  httpStatus: number;
  code: number | null;
  eventCount: number;
  fault: string | null;
}

export type MetaFault = 'transient' | 'rate_limit' | 'rate_limit_613' | 'token_invalid' | 'invalid_parameter' | 'http_500' | 'timeout' | 'slow';

// The real sandbox over HTTP on a free port; tests point TIKTOK_API_BASE_URL and META_API_BASE_URL at it.
export class TestSandbox {
  private constructor(private readonly running: RunningSandbox) {}

  static async start(options: Pick<StartSandboxOptions, 'slowMs' | 'timeoutMs'> = {}): Promise<TestSandbox> {
    return new TestSandbox(await startSandbox({ port: 0, logger: false, ...options }));
  }

  get url(): string {
    return this.running.url;
  }

  // A new pixel with a new token, or another token for a known pixel.
  async registerPixel(existing?: SandboxPixel): Promise<SandboxPixel> {
    const pixel = existing ?? {
      pixelCode: `PX${randomBytes(9).toString('hex').toUpperCase()}`,
      accessToken: `tok_${randomBytes(16).toString('hex')}`,
    };
    await this.call('POST', '/sandbox/pixels', pixel);
    return pixel;
  }

  async fault(mode: 'rate_limit' | 'server_error' | 'http_500' | 'timeout' | 'invalid_parameter' | 'slow', count = 1, pixelCode?: string): Promise<void> {
    await this.call('POST', '/sandbox/faults', { mode, count, pixelCode });
  }

  async revokeToken(accessToken: string): Promise<void> {
    await this.call('DELETE', `/sandbox/tokens/${encodeURIComponent(accessToken)}`);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/sandbox/faults');
  }

  // The TikTok events the sandbox accepted, newest last.
  async events(query: { pixelCode?: string; testEventCode?: string } = {}): Promise<TikTokEvent[]> {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as Array<[string, string]>);
    const answer = (await this.call('GET', `/sandbox/events?${params}`)) as { events: Array<{ event: TikTokEvent }> };
    return answer.events.map((received) => received.event);
  }

  // Every request the sandbox answered (or held), faults included, oldest first.
  async requests(pixelCode?: string): Promise<SandboxRequest[]> {
    const query = pixelCode === undefined ? '' : `?pixelCode=${encodeURIComponent(pixelCode)}`;
    return ((await this.call('GET', `/sandbox/requests${query}`)) as { requests: SandboxRequest[] }).requests;
  }

  // Forgets the events and requests received so far (for one pixel, or all).
  async clearLog(pixelCode?: string): Promise<void> {
    await this.call('DELETE', `/sandbox/events${pixelCode === undefined ? '' : `?pixelCode=${encodeURIComponent(pixelCode)}`}`);
  }

  // The same, without the test events TrackLayer sends when it checks credentials.
  async deliveredEvents(pixelCode: string): Promise<TikTokEvent[]> {
    return (await this.events({ pixelCode })).filter((event) => event.event !== CREDENTIAL_CHECK_EVENT);
  }

  // A new Meta pixel (a number, as Meta's are) with a new token.
  async registerMetaPixel(): Promise<SandboxMetaPixel> {
    const pixel = { pixelCode: String(1e15 + Math.floor(Math.random() * 8e15)), accessToken: `EAAB${randomBytes(16).toString('hex')}` };
    await this.call('POST', '/sandbox/pixels', { platform: 'meta', pixelId: pixel.pixelCode, accessToken: pixel.accessToken });
    return pixel;
  }

  async metaFault(mode: MetaFault, count = 1, pixelId?: string): Promise<void> {
    await this.call('POST', '/sandbox/meta/faults', { mode, count, pixelId });
  }

  async revokeMetaToken(accessToken: string): Promise<void> {
    await this.call('DELETE', `/sandbox/meta/tokens/${encodeURIComponent(accessToken)}`);
  }

  // The Conversions API events the sandbox accepted for a pixel, newest last.
  async metaEvents(pixelId: string): Promise<Array<Record<string, unknown>>> {
    const answer = (await this.call('GET', `/sandbox/meta/events?pixelId=${encodeURIComponent(pixelId)}`)) as { events: Array<{ event: Record<string, unknown> }> };
    return answer.events.map((received) => received.event);
  }

  async metaRequests(pixelId: string): Promise<SandboxMetaRequest[]> {
    return ((await this.call('GET', `/sandbox/meta/requests?pixelId=${encodeURIComponent(pixelId)}`)) as { requests: SandboxMetaRequest[] }).requests;
  }

  close(): Promise<void> {
    return this.running.close();
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }
}
