import { Injectable } from '@nestjs/common';
import { BoundedLog } from './bounded-log';
import { FaultMode } from './fault-mode.type';
import { FaultQueue, PendingFault } from './fault-queue';
import { PixelTokenRegistry } from './pixel-token.registry';
import { SandboxSettings } from './sandbox-settings.config';

export interface AcceptedBatch {
  pixelCode: string;
  testEventCode: string | null;
  requestId: string;
  receivedAt: string;
  // The request's own data[] array, kept by reference: copying 1000 events per request would cost
  // more than the whole validation.
  events: readonly unknown[];
}

export interface ReceivedEvent {
  pixelCode: string;
  testEventCode: string | null;
  requestId: string;
  receivedAt: string;
  event: unknown;
}

export interface TrackRequestRecord {
  requestId: string;
  pixelCode: string | null;
  testEventCode: string | null;
  httpStatus: number;
  code: number | null;
  eventCount: number;
  fault: FaultMode | null;
  receivedAt: string;
}

export interface EventFilter {
  pixelCode?: string;
  testEventCode?: string;
}

@Injectable()
export class SandboxStateService {
  private readonly pixels = new PixelTokenRegistry();
  private readonly faults = new FaultQueue();
  private readonly batches: BoundedLog<AcceptedBatch>;
  private readonly requests: BoundedLog<TrackRequestRecord>;

  constructor(settings: SandboxSettings) {
    this.batches = new BoundedLog<AcceptedBatch>(settings.maxEvents, (batch) => batch.events.length);
    this.requests = new BoundedLog<TrackRequestRecord>(settings.maxRequests, () => 1);
  }

  registerPixel(pixelCode: string, accessToken: string): void {
    this.pixels.register(pixelCode, accessToken);
  }

  // Like revoking a token in TikTok Events Manager: later requests with it answer 40105.
  revokeToken(accessToken: string): boolean {
    return this.pixels.revoke(accessToken);
  }

  hasPixel(pixelCode: string): boolean {
    return this.pixels.hasPixel(pixelCode);
  }

  pixelsOfToken(accessToken: string): ReadonlySet<string> | undefined {
    return this.pixels.pixelsOf(accessToken);
  }

  queueFault(pixelCode: string | null, mode: FaultMode, count: number): number {
    return this.faults.enqueue(pixelCode, mode, count);
  }

  takeFault(pixelCode: string | null): FaultMode | undefined {
    return this.faults.take(pixelCode);
  }

  pendingFaults(): PendingFault[] {
    return this.faults.list();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  storeBatch(batch: AcceptedBatch): void {
    this.batches.push(batch);
  }

  recordRequest(record: TrackRequestRecord): void {
    this.requests.push(record);
  }

  listEvents(filter: EventFilter, newest?: number): ReceivedEvent[] {
    const events: ReceivedEvent[] = [];
    this.batches.forEach((batch) => {
      if (filter.pixelCode !== undefined && batch.pixelCode !== filter.pixelCode) return;
      if (filter.testEventCode !== undefined && batch.testEventCode !== filter.testEventCode) return;
      const { pixelCode, testEventCode, requestId, receivedAt } = batch;
      for (const event of batch.events) events.push({ pixelCode, testEventCode, requestId, receivedAt, event });
    });
    return newest === undefined || events.length <= newest ? events : events.slice(events.length - newest);
  }

  listRequests(pixelCode?: string): TrackRequestRecord[] {
    const records: TrackRequestRecord[] = [];
    this.requests.forEach((record) => {
      if (pixelCode === undefined || record.pixelCode === pixelCode) records.push(record);
    });
    return records;
  }

  clearLogs(pixelCode?: string): void {
    if (pixelCode === undefined) {
      this.batches.clear();
      this.requests.clear();
      return;
    }
    this.batches.removeWhere((batch) => batch.pixelCode === pixelCode);
    this.requests.removeWhere((record) => record.pixelCode === pixelCode);
  }
}
