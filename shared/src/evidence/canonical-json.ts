/**
 * Canonical JSON: one spelling per value, so a hash over it is a hash over
 * the value. Object keys are sorted by UTF-16 code units at every depth (the
 * order RFC 8785 uses), there is no whitespace, and strings and numbers are
 * written as JSON.stringify writes them. Anything JSON cannot carry back
 * unchanged is refused rather than silently dropped or rewritten, because a
 * record whose hash cannot be reproduced from its stored text is worthless.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalize(value: JsonValue): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`)}`).join(',')}}`;
  }
  throw new TypeError(`${path}: ${value === undefined ? 'undefined' : typeof value} is not a JSON value`);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
