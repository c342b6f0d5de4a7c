interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

interface Group<T, R> {
  waiting: Array<Waiting<T, R>>;
  inFlight: number;
}

// Group commit: concurrent submissions of one group (a workspace) share one flush (one
// transaction). A flush starts at once while fewer than `maxInFlight` are running, so a lone
// request waits for nothing; under load, what arrives meanwhile is flushed together, which turns
// N single-event transactions into one multi-row transaction. Each submitter is answered after the
// flush that carried its item has committed: with its own result (the flush returns one per item,
// in order, which lets a flush that failed as a whole still answer each item on its own), or with
// the flush's error when it throws.
export class GroupCommitter<T, R, G extends string = string> {
  private readonly groups = new Map<G, Group<T, R>>();

  constructor(
    private readonly flush: (group: G, items: T[]) => Promise<R[]>,
    private readonly maxInFlight: number,
    private readonly maxWeight: number,
    private readonly weightOf: (item: T) => number,
  ) {}

  submit(group: G, item: T): Promise<R> {
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

  private drain(group: G, state: Group<T, R>): void {
    while (state.inFlight < this.maxInFlight && state.waiting.length > 0) {
      const batch = this.take(state);
      state.inFlight += 1;
      this.flush(
        group,
        batch.map((waiting) => waiting.item),
      )
        .then(
          (results) => batch.forEach((waiting, i) => waiting.resolve(results[i])),
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
  private take(state: Group<T, R>): Array<Waiting<T, R>> {
    const batch = [state.waiting.shift() as Waiting<T, R>];
    let weight = this.weightOf(batch[0].item);
    while (state.waiting.length > 0 && weight + this.weightOf(state.waiting[0].item) <= this.maxWeight) {
      const next = state.waiting.shift() as Waiting<T, R>;
      weight += this.weightOf(next.item);
      batch.push(next);
    }
    return batch;
  }
}
