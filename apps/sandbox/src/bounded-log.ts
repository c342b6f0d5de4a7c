// An append-only log that drops its oldest entries once their total weight passes a cap. Appends
// are O(1): the array is compacted only after many drops instead of shifting on every one.
export class BoundedLog<T> {
  // Dropped slots are set to undefined so the events they hold can be collected before compaction.
  private items: (T | undefined)[] = [];
  private head = 0;
  private totalWeight = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (item: T) => number,
  ) {}

  get weight(): number {
    return this.totalWeight;
  }

  push(item: T): void {
    this.items.push(item);
    this.totalWeight += this.weigh(item);
    // Always keep the newest entry, even when it alone is over the cap.
    while (this.totalWeight > this.maxWeight && this.items.length - this.head > 1) {
      this.totalWeight -= this.weigh(this.items[this.head] as T);
      this.items[this.head] = undefined;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  forEach(visit: (item: T) => void): void {
    for (let i = this.head; i < this.items.length; i++) visit(this.items[i] as T);
  }

  removeWhere(predicate: (item: T) => boolean): void {
    const kept: T[] = [];
    let weight = 0;
    this.forEach((item) => {
      if (predicate(item)) return;
      kept.push(item);
      weight += this.weigh(item);
    });
    this.items = kept;
    this.head = 0;
    this.totalWeight = weight;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.totalWeight = 0;
  }
}
