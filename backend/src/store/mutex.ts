/**
 * A FIFO async mutex. SQLite allows one writer; holding this around
 * BEGIN IMMEDIATE … COMMIT keeps async work inside a transaction from
 * interleaving with another transaction on the same connection.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async runExclusive<T>(task: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    try {
      return await task();
    } finally {
      release();
    }
  }
}
