import { FairWorkQueue, QueueRefusedError } from './fair-work.queue';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('FairWorkQueue', () => {
  it('runs at most `concurrency` jobs at once', async () => {
    const queue = new FairWorkQueue(2, 10, 10);
    let running = 0;
    let peak = 0;
    const job = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, (_, i) => queue.run(`c${i}`, job)));
    expect(peak).toBe(2);
  });

  it("serves another client's job before the rest of a greedy client's queue", async () => {
    const queue = new FairWorkQueue(1, 100, 100);
    const first = gate();
    const order: string[] = [];
    const done = [queue.run('attacker', async () => { await first.opened; order.push('attacker-0'); })];
    for (let i = 1; i <= 5; i++) done.push(queue.run('attacker', async () => void order.push(`attacker-${i}`)));
    done.push(queue.run('user', async () => void order.push('user')));
    first.open();
    await Promise.all(done);
    expect(order.slice(0, 3)).toEqual(['attacker-0', 'attacker-1', 'user']);
  });

  it('refuses at once beyond the per-client and total limits, and frees the client when its jobs end', async () => {
    const queue = new FairWorkQueue(1, 2, 2);
    const hold = gate();
    const held = [queue.run('a', () => hold.opened), queue.run('a', () => hold.opened)];
    await expect(queue.run('a', async () => 1)).rejects.toEqual(new QueueRefusedError('client_busy'));
    const b = queue.run('b', async () => 'b');
    await expect(queue.run('c', async () => 'c')).rejects.toMatchObject({ refusal: 'full' });
    hold.open();
    await Promise.all(held);
    expect(await b).toBe('b');
    expect(await queue.run('a', async () => 'again')).toBe('again');
  });

  it('passes a failing job its own error and keeps going', async () => {
    const queue = new FairWorkQueue(1, 5, 5);
    await expect(queue.run('a', async () => Promise.reject(new Error('argon2 broke')))).rejects.toThrow('argon2 broke');
    expect(await queue.run('a', async () => 'fine')).toBe('fine');
  });
});
