export type QueueRefusal = 'client_busy' | 'full';

export class QueueRefusedError extends Error {
  constructor(readonly refusal: QueueRefusal) {
    super(refusal === 'client_busy' ? 'Too much work pending for this client' : 'The work queue is full');
    this.name = 'QueueRefusedError';
  }
}

interface Job {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Runs at most `concurrency` jobs at once and serves waiting clients in turn (round robin), so a
// client that queued 40 jobs delays another client's job by at most one job per running slot,
// not by 40. A client may have at most `maxPerClient` jobs pending (running or waiting) and the
// queue at most `maxWaiting` waiting ones: beyond that a job is refused at once, before it costs
// anything.
export class FairWorkQueue {
  private readonly waiting = new Map<string, Job[]>();
  // Clients with waiting jobs, in the order they are served next.
  private readonly turn: string[] = [];
  private readonly pendingByClient = new Map<string, number>();
  private waitingCount = 0;
  private running = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxPerClient: number,
    private readonly maxWaiting: number,
  ) {}

  run<T>(client: string, work: () => Promise<T>): Promise<T> {
    const pending = this.pendingByClient.get(client) ?? 0;
    if (pending >= this.maxPerClient) return Promise.reject(new QueueRefusedError('client_busy'));
    if (this.running >= this.concurrency && this.waitingCount >= this.maxWaiting) return Promise.reject(new QueueRefusedError('full'));
    this.pendingByClient.set(client, pending + 1);
    return new Promise<T>((resolve, reject) => {
      const job: Job = { run: work, resolve: resolve as (value: unknown) => void, reject };
      const jobs = this.waiting.get(client);
      if (jobs) jobs.push(job);
      else {
        this.waiting.set(client, [job]);
        this.turn.push(client);
      }
      this.waitingCount += 1;
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.concurrency && this.turn.length > 0) {
      const client = this.turn.shift() as string;
      const jobs = this.waiting.get(client) as Job[];
      const job = jobs.shift() as Job;
      if (jobs.length > 0) this.turn.push(client);
      else this.waiting.delete(client);
      this.waitingCount -= 1;
      this.running += 1;
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          this.running -= 1;
          const left = (this.pendingByClient.get(client) ?? 1) - 1;
          if (left > 0) this.pendingByClient.set(client, left);
          else this.pendingByClient.delete(client);
          this.next();
        });
    }
  }
}
