/**
 * Store-level errors services may act on, free of driver types: a service
 * maps a unique-constraint failure to its own 409 without importing SQLite.
 */
export class UniqueConstraintError extends Error {
  /** `table.column` as the database reports it, e.g. `tenants.entity_key`. */
  constructor(
    readonly targets: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`unique constraint failed: ${targets.join(', ')}`, options);
    this.name = 'UniqueConstraintError';
  }
}

/** Finds a SQLite unique violation in an error or its causes (drizzle wraps driver errors). */
export function asUniqueConstraintError(error: unknown): UniqueConstraintError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      const targets = current.message.replace(/^.*constraint failed:\s*/i, '').split(',').map((part) => part.trim());
      return new UniqueConstraintError(targets, { cause: error });
    }
  }
  return undefined;
}
