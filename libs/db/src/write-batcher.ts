/**
 * Natural batching of one kind of write (issue 20, point 4): a write is sent at once while fewer
 * than `maxInFlight` statements of its kind are running; otherwise it waits for the next free
 * slot and goes with everything else that queued up meanwhile (at most `maxBatch`), as ONE
 * statement in one transaction. There is no timer: at low load every write is sent the moment it
 * arrives, alone, exactly as before; under load the batches grow with the queue, so the
 * per-transaction cost (round trip, parse, commit, WAL flush) is shared by many writes.
 *
 * Each caller gets its own answer, and only after the batch has committed. When a batch fails
 * as a whole (nothing of it was written: it is one transaction), every write in it is tried
 * again on its own, so one write's error is never another's.
 */
export interface WriteBatcherOptions<I, R> {
  /** Writes one item, as the route always did (also used for a batch of one). */
  one: (item: I) => Promise<R>;
  /** Writes several in one statement; answers one result per item, in the order given. */
  many: (items: I[]) => Promise<R[]>;
  maxInFlight: number;
  maxBatch: number;
}

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface WriteBatcherStats {
  /** statements sent (single writes and batches) */
  statements: number;
  /** writes sent in a batch of two or more */
  batchedWrites: number;
  /** the largest batch so far */
  largestBatch: number;
  /** batches that failed and were retried write by write */
  fallbacks: number;
}

export class WriteBatcher<I, R> {
  private readonly queue: Waiting<I, R>[] = [];
  private inFlight = 0;
  readonly stats: WriteBatcherStats = { statements: 0, batchedWrites: 0, largestBatch: 0, fallbacks: 0 };

  constructor(private readonly options: WriteBatcherOptions<I, R>) {
    if (!(options.maxInFlight >= 1) || !(options.maxBatch >= 1)) throw new Error('WriteBatcher: maxInFlight and maxBatch must be at least 1');
  }

  /** How many statements of this kind may run at once. */
  get slots(): number {
    return this.options.maxInFlight;
  }

  /** Writes waiting for a free slot (not yet sent). */
  get waiting(): number {
    return this.queue.length;
  }

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async send(batch: Waiting<I, R>[]): Promise<void> {
    this.stats.statements += 1;
    if (batch.length === 1) {
      await this.settle(batch[0]);
      return;
    }
    this.stats.batchedWrites += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let results: R[];
    try {
      results = await this.options.many(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`WriteBatcher: ${results.length} results for ${batch.length} writes`);
    } catch {
      // Nothing of the batch was written; each write now goes on its own and gets its own answer.
      this.stats.fallbacks += 1;
      await Promise.all(batch.map((w) => this.settle(w)));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }

  private async settle(w: Waiting<I, R>): Promise<void> {
    try {
      w.resolve(await this.options.one(w.item));
    } catch (error) {
      w.reject(error);
    }
  }
}
