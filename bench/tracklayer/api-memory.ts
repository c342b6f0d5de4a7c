import type { BenchContext } from '../phases/bench-context';
import { apiUrl } from './start-tracklayer';

export interface ApiMemory {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
}

const GAUGES: Record<string, keyof ApiMemory> = {
  tracklayer_process_resident_memory_bytes: 'rssBytes',
  tracklayer_nodejs_heap_size_used_bytes: 'heapUsedBytes',
  tracklayer_nodejs_heap_size_total_bytes: 'heapTotalBytes',
  tracklayer_nodejs_external_memory_bytes: 'externalBytes',
};

// The api's own view of its memory (Prometheus default metrics on GET /metrics), taken between
// runs: whether its resident set is live JavaScript heap or room the garbage collector keeps.
export async function recordApiMemory(ctx: BenchContext, moment: string): Promise<void> {
  try {
    const text = await (await fetch(`${apiUrl(ctx)}/metrics`)).text();
    const memory: ApiMemory = { rssBytes: 0, heapUsedBytes: 0, heapTotalBytes: 0, externalBytes: 0 };
    for (const line of text.split('\n')) {
      const [name, value] = line.split(' ');
      const field = GAUGES[name];
      if (field) memory[field] = Number(value);
    }
    ctx.results.apiMemory[moment] = memory;
  } catch {
    // Only a diagnostic: an api without /metrics still gets measured.
  }
}
