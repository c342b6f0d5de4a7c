interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Group<T> {
  waiting: Array<Waiting<T>>;
  inFlight: number;
}

// Group commit: concurrent submissions of one group (a workspace) share one flush (one
// transaction). A flush starts at once while fewer than `maxInFlight` are running, so a lone
// request waits for nothing; under load, what arrives meanwhile is flushed together, which turns
// N single-event transactions into one multi-row transaction. Each submitter is answered after the
// flush that carried its item has committed, or gets its error.
export class GroupCommitter<T> {
  private readonly groups = new Map<string, Group<T>>();

  constructor(
    private readonly flush: (group: string, items: T[]) => Promise<void>,
    private readonly maxInFlight: number,
    private readonly maxWeight: number,
    private readonly weightOf: (item: T) => number,
  ) {}

  submit(group: string, item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      let state = this.groups.get(group);
      if (!state) {
        state = { waiting: [], inFlight: 0 };
        this.groups.set(group, state);
      }
      state.waiting.push({ item, resolve, reject });
      this.drain(group, state);
    });
  }

  private drain(group: string, state: Group<T>): void {
    while (state.inFlight < this.maxInFlight && state.waiting.length > 0) {
      const batch = this.take(state);
      state.inFlight += 1;
      this.flush(
        group,
        batch.map((waiting) => waiting.item),
      )
        .then(
          () => batch.forEach((waiting) => waiting.resolve()),
          (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
        )
        .finally(() => {
          state.inFlight -= 1;
          if (state.waiting.length > 0) this.drain(group, state);
          else if (state.inFlight === 0) this.groups.delete(group);
        });
    }
  }

  // Always at least one item, then more while the weight (events) stays within the cap.
  private take(state: Group<T>): Array<Waiting<T>> {
    const batch = [state.waiting.shift() as Waiting<T>];
    let weight = this.weightOf(batch[0].item);
    while (state.waiting.length > 0 && weight + this.weightOf(state.waiting[0].item) <= this.maxWeight) {
      const next = state.waiting.shift() as Waiting<T>;
      weight += this.weightOf(next.item);
      batch.push(next);
    }
    return batch;
  }
}
