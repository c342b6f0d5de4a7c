// Spaces requests of one connector to at most N per second in this worker process, so a tenant
// with a flood of events cannot take every request slot from the others.
export class ConnectorRateLimiter {
  private readonly nextFreeAt = new Map<string, number>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  // Milliseconds to wait before this connector may send; reserves the slot.
  reserve(connectorId: string): number {
    const now = this.now();
    const slot = Math.max(now, this.nextFreeAt.get(connectorId) ?? 0);
    this.nextFreeAt.set(connectorId, slot + 1000 / this.perSecond);
    return slot - now;
  }

  async wait(connectorId: string): Promise<void> {
    const delay = this.reserve(connectorId);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
