import { FaultMode } from './fault-mode.type';

export interface PendingFault<M extends string = FaultMode> {
  pixelCode: string | null;
  mode: M;
  remaining: number;
}

// Faults queued per pixel plus a global queue for requests of any pixel. Each request consumes at
// most one, the pixel's own queue first, in the order they were queued. M: the platform's modes.
export class FaultQueue<M extends string = FaultMode> {
  private readonly byPixel = new Map<string, PendingFault<M>[]>();
  private readonly global: PendingFault<M>[] = [];

  enqueue(pixelCode: string | null, mode: M, count: number): number {
    const queue = this.queueFor(pixelCode);
    const last = queue[queue.length - 1];
    if (last !== undefined && last.mode === mode) last.remaining += count;
    else queue.push({ pixelCode, mode, remaining: count });
    return queue.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  take(pixelCode: string | null): M | undefined {
    const queue = pixelCode === null ? undefined : this.byPixel.get(pixelCode);
    if (pixelCode !== null && queue !== undefined) {
      const mode = this.takeFrom(queue);
      if (queue.length === 0) this.byPixel.delete(pixelCode);
      if (mode !== undefined) return mode;
    }
    return this.takeFrom(this.global);
  }

  list(): PendingFault<M>[] {
    const all = [...this.global];
    for (const queue of this.byPixel.values()) all.push(...queue);
    return all.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.byPixel.clear();
    this.global.length = 0;
  }

  private queueFor(pixelCode: string | null): PendingFault<M>[] {
    if (pixelCode === null) return this.global;
    let queue = this.byPixel.get(pixelCode);
    if (queue === undefined) {
      queue = [];
      this.byPixel.set(pixelCode, queue);
    }
    return queue;
  }

  private takeFrom(queue: PendingFault<M>[]): M | undefined {
    const head = queue[0];
    if (head === undefined) return undefined;
    head.remaining--;
    if (head.remaining <= 0) queue.shift();
    return head.mode;
  }
}
