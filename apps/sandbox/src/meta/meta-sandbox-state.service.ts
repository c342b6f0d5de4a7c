import { Injectable } from '@nestjs/common';
import { BoundedLog } from '../bounded-log';
import { FaultQueue } from '../fault-queue';
import { PixelTokenRegistry } from '../pixel-token.registry';
import { SandboxSettings } from '../sandbox-settings.config';
import type { MetaFaultMode } from './meta-fault-mode.type';

export type TokenPlacement = 'header' | 'body' | 'query';

export interface MetaReceivedEvent {
  pixelId: string;
  testEventCode: string | null;
  fbtraceId: string;
  receivedAt: string;
  event: unknown;
}

export interface MetaRequestRecord {
  fbtraceId: string;
  method: 'GET' | 'POST';
  version: string;
  pixelId: string;
  testEventCode: string | null;
  // Where the access token came: TrackLayer never puts it in the query (URLs reach access logs).
  tokenIn: TokenPlacement | null;
  httpStatus: number;
  code: number | null;
  subcode: number | null;
  eventCount: number;
  fault: MetaFaultMode | null;
  receivedAt: string;
}

interface AcceptedBatch {
  pixelId: string;
  testEventCode: string | null;
  fbtraceId: string;
  receivedAt: string;
  // The request's own data[] array, kept by reference, as the TikTok side does.
  events: readonly unknown[];
}

export interface MetaPendingFault {
  pixelId: string | null;
  mode: MetaFaultMode;
  remaining: number;
}

// The Meta side of the sandbox: its own pixels and tokens, faults and logs, apart from TikTok's so
// a pixel code and a pixel id can never be confused.
@Injectable()
export class MetaSandboxStateService {
  private readonly pixels = new PixelTokenRegistry();
  private readonly faults = new FaultQueue<MetaFaultMode>();
  private readonly batches: BoundedLog<AcceptedBatch>;
  private readonly requests: BoundedLog<MetaRequestRecord>;

  constructor(settings: SandboxSettings) {
    this.batches = new BoundedLog<AcceptedBatch>(settings.maxEvents, (batch) => batch.events.length);
    this.requests = new BoundedLog<MetaRequestRecord>(settings.maxRequests, () => 1);
  }

  registerPixel(pixelId: string, accessToken: string): void {
    this.pixels.register(pixelId, accessToken);
  }

  // Like a token revoked in Business Manager: later requests with it answer 190.
  revokeToken(accessToken: string): boolean {
    return this.pixels.revoke(accessToken);
  }

  pixelsOfToken(accessToken: string): ReadonlySet<string> | undefined {
    return this.pixels.pixelsOf(accessToken);
  }

  queueFault(pixelId: string | null, mode: MetaFaultMode, count: number): number {
    return this.faults.enqueue(pixelId, mode, count);
  }

  takeFault(pixelId: string): MetaFaultMode | undefined {
    return this.faults.take(pixelId);
  }

  pendingFaults(): MetaPendingFault[] {
    return this.faults.list().map(({ pixelCode, mode, remaining }) => ({ pixelId: pixelCode, mode, remaining }));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  storeBatch(batch: AcceptedBatch): void {
    this.batches.push(batch);
  }

  recordRequest(record: MetaRequestRecord): void {
    this.requests.push(record);
  }

  listEvents(filter: { pixelId?: string; testEventCode?: string }, newest?: number): MetaReceivedEvent[] {
    const events: MetaReceivedEvent[] = [];
    this.batches.forEach((batch) => {
      if (filter.pixelId !== undefined && batch.pixelId !== filter.pixelId) return;
      if (filter.testEventCode !== undefined && batch.testEventCode !== filter.testEventCode) return;
      const { pixelId, testEventCode, fbtraceId, receivedAt } = batch;
      for (const event of batch.events) events.push({ pixelId, testEventCode, fbtraceId, receivedAt, event });
    });
    return newest === undefined || events.length <= newest ? events : events.slice(events.length - newest);
  }

  listRequests(pixelId?: string): MetaRequestRecord[] {
    const records: MetaRequestRecord[] = [];
    this.requests.forEach((record) => {
      if (pixelId === undefined || record.pixelId === pixelId) records.push(record);
    });
    return records;
  }

  clearLogs(pixelId?: string): void {
    if (pixelId === undefined) {
      this.batches.clear();
      this.requests.clear();
      return;
    }
    this.batches.removeWhere((batch) => batch.pixelId === pixelId);
    this.requests.removeWhere((record) => record.pixelId === pixelId);
  }
}
