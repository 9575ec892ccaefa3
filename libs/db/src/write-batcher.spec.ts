import { describe, expect, it } from '@jest/globals';
import { WriteBatcher } from './write-batcher.js';

/** A write that finishes when the test says so: what is in flight, and what each statement held. */
function harness(options: { maxInFlight: number; maxBatch: number; failBatches?: boolean; failItem?: number }) {
  const statements: number[][] = [];
  const pending: (() => void)[] = [];
  const later = <T>(value: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) =>
      pending.push(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error);
        }
      }),
    );
  const batcher = new WriteBatcher<number, string>({
    one: (n) => {
      statements.push([n]);
      return later(() => {
        if (n === options.failItem) throw new Error(`write ${n} failed`);
        return `one:${n}`;
      });
    },
    many: (ns) => {
      statements.push([...ns]);
      return later(() => {
        if (options.failBatches) throw new Error('batch failed');
        return ns.map((n) => `many:${n}`);
      });
    },
    maxInFlight: options.maxInFlight,
    maxBatch: options.maxBatch,
  });
  /** Finishes every statement in flight and lets the batcher send the next ones. */
  const finish = async () => {
    const now = pending.splice(0);
    now.forEach((f) => f());
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { batcher, statements, finish, pendingCount: () => pending.length };
}

describe('WriteBatcher', () => {
  it('sends a lone write at once, alone, through the single-write statement', async () => {
    const h = harness({ maxInFlight: 2, maxBatch: 10 });
    const answer = h.batcher.submit(7);
    expect(h.statements).toEqual([[7]]);
    await h.finish();
    await expect(answer).resolves.toBe('one:7');
    expect(h.batcher.stats).toMatchObject({ statements: 1, batchedWrites: 0 });
  });

  it('queues what arrives while the slots are taken and sends it as one batch, at most maxBatch at a time', async () => {
    const h = harness({ maxInFlight: 2, maxBatch: 3 });
    const answers = [1, 2, 3, 4, 5, 6, 7].map((n) => h.batcher.submit(n));
    // Two in flight at once; the rest wait.
    expect(h.statements).toEqual([[1], [2]]);
    await h.finish();
    expect(h.statements).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    await h.finish();
    expect(await Promise.all(answers)).toEqual(['one:1', 'one:2', 'many:3', 'many:4', 'many:5', 'many:6', 'many:7']);
    expect(h.batcher.stats).toEqual({ statements: 4, batchedWrites: 5, largestBatch: 3, fallbacks: 0 });
  });

  it('retries a failed batch write by write, so each caller gets its own answer or its own error', async () => {
    const h = harness({ maxInFlight: 1, maxBatch: 10, failBatches: true, failItem: 3 });
    const answers = [1, 2, 3, 4].map((n) => h.batcher.submit(n).catch((e: Error) => `error:${e.message}`));
    await h.finish(); // write 1 alone
    await h.finish(); // the batch 2,3,4 fails
    await h.finish(); // 2, 3, 4 one by one
    expect(h.statements).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(await Promise.all(answers)).toEqual(['one:1', 'one:2', 'error:write 3 failed', 'one:4']);
    expect(h.batcher.stats.fallbacks).toBe(1);
  });

  it('a failing single write frees its slot', async () => {
    const h = harness({ maxInFlight: 1, maxBatch: 10, failItem: 1 });
    const first = h.batcher.submit(1).catch(() => 'failed');
    const second = h.batcher.submit(2);
    await h.finish();
    await h.finish();
    expect(await first).toBe('failed');
    await expect(second).resolves.toBe('one:2');
  });

  it('refuses nonsense limits', () => {
    expect(() => new WriteBatcher<number, number>({ one: async (n) => n, many: async (ns) => ns, maxInFlight: 0, maxBatch: 1 })).toThrow(/at least 1/);
  });
});
