// Runs `task` every `intervalMs`, never two runs at once (a run still going skips that tick), and
// lets shutdown wait for the run in progress. Errors are the task's to handle: a rejected run
// only ends that run.
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.task()
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
