// Runs a dependency probe with a deadline: a client that queues commands while its server is away
// (BullMQ's Redis connection does) would otherwise keep a health check or a scrape waiting forever.
export async function probeWithin<T>(probe: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
