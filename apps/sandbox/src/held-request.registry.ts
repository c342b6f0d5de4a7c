import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

// Requests parked by `timeout` faults. They are released when the hold ends, when the client hangs
// up (no timer left behind), or when the app closes, so close() never waits out a 30 s hold.
@Injectable()
export class HeldRequestRegistry implements OnModuleDestroy {
  private readonly releases = new Set<() => void>();

  hold(ms: number, response: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        response.off('close', release);
        this.releases.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      response.on('close', release);
      this.releases.add(release);
    });
  }

  get size(): number {
    return this.releases.size;
  }

  onModuleDestroy(): void {
    for (const release of [...this.releases]) release();
  }
}
