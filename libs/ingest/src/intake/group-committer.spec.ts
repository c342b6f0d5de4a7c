import { GroupCommitter } from './group-committer';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('GroupCommitter', () => {
  it('flushes a lone item at once', async () => {
    const flushed: number[][] = [];
    const committer = new GroupCommitter<number, number>(
      async (_g, items) => {
        flushed.push(items);
        return items.map((n) => n * 10);
      },
      1,
      100,
      () => 1,
    );
    expect(await committer.submit('w', 1)).toBe(10);
    expect(flushed).toEqual([[1]]);
  });

  it('groups what arrives while a flush runs, and answers each after its own flush', async () => {
    const gates = [deferred(), deferred()];
    const flushed: number[][] = [];
    const committer = new GroupCommitter<number, void>(
      async (_g, items) => {
        flushed.push(items);
        await gates[flushed.length - 1].promise;
        return items.map(() => undefined);
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
    const committer = new GroupCommitter<number, void>(
      async (g, items) => {
        flushed.push([g, items]);
        await gate.promise;
        return items.map(() => undefined);
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
    const committer = new GroupCommitter<number, void>(
      async (_g, items) => {
        flushed.push(items);
        await gate.promise;
        return items.map(() => undefined);
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

  it('rejects every submitter of a flush that throws', async () => {
    const committer = new GroupCommitter<number, void>(async () => Promise.reject(new Error('db down')), 1, 100, () => 1);
    await expect(committer.submit('w', 1)).rejects.toThrow('db down');
  });

  it("answers each submitter of a group with its own item's result", async () => {
    const gate = deferred();
    const committer = new GroupCommitter<string, string>(
      async (_g, items) => {
        await gate.promise;
        return items.map((item) => `done:${item}`);
      },
      1,
      100,
      () => 1,
    );
    const first = committer.submit('w', 'a');
    const grouped = [committer.submit('w', 'b'), committer.submit('w', 'c')];
    gate.release();
    expect(await Promise.all([first, ...grouped])).toEqual(['done:a', 'done:b', 'done:c']);
  });
});
