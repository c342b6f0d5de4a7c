import { GroupCommitter } from './group-committer';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('GroupCommitter', () => {
  it('flushes a lone item at once', async () => {
    const flushed: number[][] = [];
    const committer = new GroupCommitter<number>(async (_g, items) => void flushed.push(items), 1, 100, () => 1);
    await committer.submit('w', 1);
    expect(flushed).toEqual([[1]]);
  });

  it('groups what arrives while a flush runs, and answers each after its own flush', async () => {
    const gates = [deferred(), deferred()];
    const flushed: number[][] = [];
    const committer = new GroupCommitter<number>(
      async (_g, items) => {
        flushed.push(items);
        await gates[flushed.length - 1].promise;
      },
      1,
      100,
      () => 1,
    );
    const done: number[] = [];
    const first = committer.submit('w', 1).then(() => done.push(1));
    const rest = [2, 3, 4].map((n) => committer.submit('w', n).then(() => done.push(n)));
    await Promise.resolve();
    expect(flushed).toEqual([[1]]);
    gates[0].release();
    await first;
    expect(done).toEqual([1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toEqual([[1], [2, 3, 4]]);
    gates[1].release();
    await Promise.all(rest);
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('keeps groups apart and runs up to maxInFlight flushes per group', async () => {
    const gate = deferred();
    const flushed: Array<[string, number[]]> = [];
    const committer = new GroupCommitter<number>(
      async (g, items) => {
        flushed.push([g, items]);
        await gate.promise;
      },
      2,
      100,
      () => 1,
    );
    const all = [committer.submit('a', 1), committer.submit('a', 2), committer.submit('a', 3), committer.submit('b', 9)];
    await Promise.resolve();
    expect(flushed).toEqual([
      ['a', [1]],
      ['a', [2]],
      ['b', [9]],
    ]);
    gate.release();
    await Promise.all(all);
    expect(flushed[3]).toEqual(['a', [3]]);
  });

  it('caps a flush by weight but always takes one item', async () => {
    const gate = deferred();
    const flushed: number[][] = [];
    const committer = new GroupCommitter<number>(
      async (_g, items) => {
        flushed.push(items);
        await gate.promise;
      },
      1,
      10,
      (n) => n,
    );
    const all = [6, 5, 4, 20].map((n) => committer.submit('w', n));
    gate.release();
    await Promise.all(all);
    expect(flushed).toEqual([[6], [5, 4], [20]]);
  });

  it('rejects every submitter of a failed flush', async () => {
    const committer = new GroupCommitter<number>(async () => Promise.reject(new Error('db down')), 1, 100, () => 1);
    await expect(committer.submit('w', 1)).rejects.toThrow('db down');
  });
});
