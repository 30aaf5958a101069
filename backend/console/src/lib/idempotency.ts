/**
 * One Idempotency-Key per attempt at a write. A retry of the same request
 * (same body, after a timeout, a dropped connection or a 5xx) sends the same
 * key, so the server files the complaint once however often the user presses
 * the button; a changed body is a new attempt with a new key, since the server
 * refuses a key reused for a different body (idempotency_key_reused).
 */
export class IdempotentAttempt {
  private pending: { fingerprint: string; key: string } | undefined;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key for a request whose body is `fingerprint`: the pending attempt's when the body is unchanged. */
  keyFor(fingerprint: string): string {
    if (this.pending?.fingerprint !== fingerprint) this.pending = { fingerprint, key: this.newKey() };
    return this.pending.key;
  }

  /** The server answered for good; whatever comes next is a new attempt. */
  done(): void {
    this.pending = undefined;
  }
}
