/**
 * Tells the clients whether the backend is up, and which start of it they
 * are talking to: a client whose request died waits for the next start
 * before retrying, as the extension's sync waits for the server to return.
 */
export class Conductor {
  /** Bumped on every start that became healthy. */
  generation = 0;
  up = false;
  /** Once set, clients send no new writes; they only finish their unanswered ones. */
  draining = false;
  private waiters: Array<() => void> = [];

  markUp(): void {
    this.generation += 1;
    this.up = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Called before the kill, so any request the kill breaks sees the backend as down. */
  markDown(): void {
    this.up = false;
  }

  /** Resolves with the generation once the backend is up (and, with `after`, restarted since that generation). */
  async whenUp(after?: number): Promise<number> {
    while (!this.up || (after !== undefined && this.generation <= after)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.generation;
  }
}
