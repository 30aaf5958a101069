/**
 * The hostile inputs of the fuzzing suite (issue #8, part 2), as fast-check
 * arbitraries: strings that break naive text handling, type-confused values,
 * deep nesting, oversized fields, malformed JSON text, and multipart forms
 * with missing, duplicate, mistyped or garbage parts. JSON bodies start from
 * a well-formed example built from the route's own OpenAPI schema and are
 * then damaged, so the damage reaches past the first check.
 */
import { LIMITS } from '@openipp/shared';
import fc from 'fast-check';

export type Bytes = Uint8Array<ArrayBuffer>;

/** The subset of JSON Schema the OpenAPI document uses for request bodies. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

// ---------------------------------------------------------------- strings and values

/** Characters that look like others, reorder text, hide, end C strings, or are not Unicode at all. */
const NASTY_CHARS = [
  '\u0000', // NUL
  '\u202E', // right-to-left override
  '\u202D', // left-to-right override
  '\u2066', // left-to-right isolate
  '\u200B', // zero-width space
  '\u200D', // zero-width joiner
  '\uFEFF', // byte order mark
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\u0430', // Cyrillic а, looks like Latin a
  '\u03BF', // Greek ο, looks like Latin o
  '\uFF41', // fullwidth ａ
  '\u0301', // combining acute accent
  '\u2028', // line separator
  '\r\n',
  '\u{1F984}',
  '\u00A0',
  '%00',
  '%',
  '"',
  '\\',
  "'",
  '<',
];

const NASTY_STRINGS = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  'false',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '0x10',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}{{7*7}}',
  '\r\nX-Injected: 1',
  'owner@demo.test\u0000@evil.test',
  'оwner@demo.test', // Cyrillic о
  'admin\u202Etset.omed@',
  'e\u0301'.repeat(500), // a tower of combining marks
  '\uD83D', // half an emoji
  '2026-02-30T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
  '00000000-0000-0000-0000-000000000000',
];

const nastyChar = fc.constantFrom(...NASTY_CHARS);

/** Text mixing ordinary and hostile characters (lone surrogates among them). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // Just over common field caps, and far over them (still under the JSON body cap).
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(65, 121, 201, 255, 501, 1001, 2001, 4001, 10_001, 40_000), nastyChar)
      .map(([length, char]) => 'x'.repeat(Math.max(0, length - 1)) + char),
  },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 53) - 1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A value of any JSON type, hostile where it is a leaf. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, 'true', 'false', '1', '0', [], {}, [null], { '': null }) },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileScalar },
  { weight: 2, arbitrary: fc.array(hostileScalar, { maxLength: 5 }) },
  { weight: 2, arbitrary: fc.dictionary(hostileString, hostileScalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  // Oversized arrays: over any sane item cap, under the body cap.
  { weight: 1, arbitrary: fc.constantFrom(500, 5_000).chain((length) => fc.constant(Array.from({ length }, (_, i) => i % 2 === 0 ? 'x' : i))) },
);

/** JSON text nested `depth` levels deep, as arrays or objects. */
export function deepJson(depth: number, kind: 'array' | 'object', leaf = '1'): string {
  return kind === 'array' ? '['.repeat(depth) + leaf + ']'.repeat(depth) : '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}

export const deepValueText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(1_000, 5_000, 12_000), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => deepJson(depth, kind));

/** Text that is not JSON, or not only JSON. */
export const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '{', '}', '[', '{"a":', '{"a":1,}', "{'a':1}", '{a:1}', 'NaN', 'Infinity', '-', '01', '1e', '"\\x41"', '"\\ud800"', '{"a":"b"}{"c":"d"}', '{"a":1} trailing', '\uFEFF{}', 'undefined', 'null', '[]', '"text"', '0'),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => {
    const text = JSON.stringify(value) ?? 'null';
    return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  }),
);

// ---------------------------------------------------------------- bodies from a schema

/** Names ids in bodies by their key, so an example points at real records. */
export type IdLookup = (key: string) => string | undefined;

function schemaTypes(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

/** A well-formed value for `schema` (as far as a schema says), ids taken from `ids` by key. */
export function exampleOf(schema: JsonSchema, ids: IdLookup, key = ''): unknown {
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative?.length) return exampleOf(alternative.find((s) => !schemaTypes(s).includes('null')) ?? alternative[0]!, ids, key);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, ids, key)) as object[]);
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  const types = schemaTypes(schema).filter((type) => type !== 'null');
  const type = types[0] ?? 'null';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(schema.properties ?? {})) out[name] = exampleOf(sub, ids, name);
      return out;
    }
    case 'array': {
      const item = schema.items ? exampleOf(schema.items, ids, key.replace(/s$/, '')) : 'x';
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'string': {
      const id = ids(key);
      if (id !== undefined) return id;
      if (schema.format === 'email') return 'fuzz@example.test';
      if (schema.format === 'date-time') return new Date(Date.now() + 3 * 86_400_000).toISOString();
      if (schema.format === 'date') return '2030-01-01';
      if (schema.format === 'uri' || /url$/i.test(key)) return 'https://item.taobao.com/item.htm?id=424242424242';
      const sample = 'Fuzzing text, long enough to pass.';
      const length = Math.min(Math.max(sample.length, schema.minLength ?? 0), schema.maxLength ?? sample.length);
      return sample.padEnd(length, '.').slice(0, length);
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/**
 * A damaged copy of `value`: at every level each key is kept, dropped, or
 * replaced by a hostile value (or a type-confused one: an array for an
 * object, a string for a number), unknown keys are added, and arrays grow
 * or shrink. `depth` bounds the recursion.
 */
export function mutated(value: unknown, depth = 0): fc.Arbitrary<unknown> {
  const replace = fc.oneof(hostileValue, fc.constant([value]), fc.constant(String(JSON.stringify(value) ?? '')), fc.constant(null));
  if (depth > 4) return fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: replace });
  if (Array.isArray(value)) {
    const items = value.map((item) => mutated(item, depth + 1));
    return fc.oneof(
      { weight: 4, arbitrary: items.length ? fc.tuple(...items) : fc.constant([]) },
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.constantFrom(8, 200).map((n) => Array.from({ length: n }, () => value[0] ?? null)) },
      { weight: 1, arbitrary: replace },
    );
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const kept = entries.map(([key, item]) =>
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(item) },
        { weight: 2, arbitrary: mutated(item, depth + 1) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ).map((next) => [key, next] as const),
    );
    const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'tenantId', 'role', 'id', 'status', 'userId', 'isAdmin'), hostileString), hostileValue), { maxLength: 3 });
    const object = fc.tuple(kept.length ? fc.tuple(...kept) : fc.constant([] as Array<readonly [string, unknown]>), extra).map(([pairs, added]) => {
      // A JSON text body is what goes on the wire: a "__proto__" key must be an own key there too.
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [key, next] of pairs) if (next !== undefined) out[key] = next;
      for (const [key, next] of added) out[key] = next;
      return out;
    });
    return fc.oneof({ weight: 6, arbitrary: object }, { weight: 1, arbitrary: replace });
  }
  return fc.oneof({ weight: 2, arbitrary: fc.constant(value) }, { weight: 3, arbitrary: replace });
}

/** One JSON request body as text, with the Content-Type it goes with. */
export interface JsonBody {
  contentType: string | null;
  body: string | Bytes;
  what: string;
}

const JSON_TYPE = 'application/json';

/** Hostile JSON bodies around `example` (a well-formed body of the route). */
export function jsonBodies(example: unknown): fc.Arbitrary<JsonBody> {
  const asText = (what: string) => (text: string): JsonBody => ({ contentType: JSON_TYPE, body: text, what });
  const withDeep = fc.tuple(deepValueText, fc.constantFrom(...topKeys(example))).map(([deep, key]) =>
    asText('deeply nested field')(key === null ? deep : JSON.stringify({ ...(example as object), [key]: 0 }).replace(`"${key}":0`, `"${key}":${deep}`)),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(asText('the example itself')(JSON.stringify(example))) },
    { weight: 8, arbitrary: mutated(example).map((value) => asText('damaged example')(JSON.stringify(value) ?? 'null')) },
    { weight: 2, arbitrary: malformedJsonText.map(asText('malformed JSON')) },
    { weight: 2, arbitrary: withDeep },
    { weight: 1, arbitrary: hostileValue.map((value) => asText('hostile value')(JSON.stringify(value) ?? 'null')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(LIMITS.jsonBodyMaxBytes - 64, LIMITS.jsonBodyMaxBytes + 1, 4 * LIMITS.jsonBodyMaxBytes).map((size) =>
        asText(`a ${size}-byte body`)(JSON.stringify({ ...(isObject(example) ? example : {}), pad: 'p'.repeat(size) })),
      ),
    },
    {
      weight: 1,
      // The right JSON under the wrong (or no) media type, and bytes that are not UTF-8.
      arbitrary: fc.tuple(fc.constantFrom(null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/jsonx', 'APPLICATION/JSON'), mutated(example)).map(
        ([contentType, value]): JsonBody => ({ contentType, body: JSON.stringify(value) ?? 'null', what: `media type ${contentType}` }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((garbage): JsonBody => ({ contentType: JSON_TYPE, body: concatBytes(text('{"a":"'), garbage, text('"}')), what: 'invalid UTF-8' })),
    },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The example's own keys (to nest under), or null for "the whole body". */
function topKeys(example: unknown): Array<string | null> {
  return isObject(example) ? [null, ...Object.keys(example)] : [null];
}

// ---------------------------------------------------------------- multipart

export const text = (value: string): Bytes => new Uint8Array(Buffer.from(value, 'utf8'));
export const concatBytes = (...parts: Uint8Array[]): Bytes => new Uint8Array(Buffer.concat(parts));

export interface FormField {
  name: string;
  kind: 'text' | 'file';
  /** Array fields take several files. */
  many: boolean;
}

/** The fields of a multipart body schema: text fields, single files and file arrays. */
export function formFields(schema: JsonSchema): FormField[] {
  return Object.entries(schema.properties ?? {}).map(([name, sub]) => {
    const many = schemaTypes(sub).includes('array');
    const item = many ? (sub.items ?? {}) : sub;
    return { name, kind: item.format === 'binary' ? 'file' : 'text', many };
  });
}

export interface Part {
  name: string;
  /** A file part has a file name (possibly hostile). */
  filename?: string;
  type?: string;
  bytes: Bytes;
}

/** Honest file contents (so the form is refused for its other parts) and hostile ones. */
export interface FileSamples {
  png: Bytes;
  pdf: Bytes;
}

function fileContents(samples: FileSamples): fc.Arbitrary<{ bytes: Bytes; type: string; filename: string }> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom({ bytes: samples.png, type: 'image/png', filename: 'shot.png' }, { bytes: samples.pdf, type: 'application/pdf', filename: 'proof.pdf' }) },
    { weight: 1, arbitrary: fc.constant({ bytes: new Uint8Array(0), type: 'image/png', filename: 'empty.png' }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ bytes: new Uint8Array(bytes), type: 'application/octet-stream', filename: 'noise.bin' })) },
    { weight: 1, arbitrary: fc.constant({ bytes: samples.png.slice(0, 40), type: 'image/png', filename: 'truncated.png' }) },
    { weight: 1, arbitrary: fc.constant({ bytes: samples.pdf, type: 'image/png', filename: 'mislabelled.png' }) },
    {
      weight: 1,
      arbitrary: hostileString.map((name) => ({ bytes: samples.png, type: 'image/png', filename: name })),
    },
  );
}

/** A text part's value: a damaged well-formed JSON text (when the route's data has an example), or any hostile text. */
function textValue(example: unknown): fc.Arbitrary<string> {
  const options: Array<fc.WeightedArbitrary<string>> = [
    { weight: 2, arbitrary: malformedJsonText },
    { weight: 1, arbitrary: deepValueText },
    { weight: 1, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ pad: 'p'.repeat(LIMITS.jsonBodyMaxBytes + 1) })) },
  ];
  if (example !== undefined) {
    options.push({ weight: 1, arbitrary: fc.constant(JSON.stringify(example)) });
    options.push({ weight: 6, arbitrary: mutated(example).map((value) => JSON.stringify(value) ?? 'null') });
  }
  return fc.oneof(...options);
}

/**
 * The parts of a hostile form. One side is damaged at a time, so each gets
 * past the other's checks: the text fields (with honest files), or the files
 * (after well-formed text fields), or both. A damaged field is missing, sent
 * once, or sent several times, sometimes as the wrong kind of part (a file
 * for a text field, text for a file); unknown parts come besides.
 */
export function formParts(fields: FormField[], examples: Record<string, unknown>, samples: FileSamples): fc.Arbitrary<Part[]> {
  const honest = (field: FormField): fc.Arbitrary<Part[]> =>
    field.kind === 'file'
      ? fc.constant([{ name: field.name, filename: 'shot.png', type: 'image/png', bytes: samples.png }])
      : examples[field.name] === undefined
        ? textValue(undefined).map((value) => [{ name: field.name, bytes: text(value) }])
        : fc.constant([{ name: field.name, bytes: text(JSON.stringify(examples[field.name])) }]);
  const damaged = (field: FormField): fc.Arbitrary<Part[]> => {
    const asText = textValue(examples[field.name]).map((value): Part => ({ name: field.name, bytes: text(value) }));
    const asFile = fileContents(samples).map((file): Part => ({ name: field.name, ...file }));
    const right = field.kind === 'text' ? asText : asFile;
    const wrong = field.kind === 'text' ? asFile : asText;
    const one = fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: wrong });
    return fc.oneof(
      { weight: 6, arbitrary: one.map((part) => [part]) },
      { weight: 1, arbitrary: fc.constant([] as Part[]) },
      { weight: 2, arbitrary: fc.array(one, { minLength: 2, maxLength: field.many ? 7 : 3 }) },
    );
  };
  const unknown = fc.array(
    fc.oneof(
      fc.tuple(hostileString, hostileString).map(([name, value]): Part => ({ name, bytes: text(value) })),
      fc.tuple(fc.constantFrom('tenantId', 'role', 'file', 'meta[0]'), fileContents(samples)).map(([name, file]): Part => ({ name, ...file })),
    ),
    { maxLength: 2 },
  );
  return fc.constantFrom('text' as const, 'file' as const, 'both' as const).chain((side) => {
    const perField = fields.map((field) => (side === 'both' || side === field.kind ? damaged(field) : honest(field)));
    return fc.tuple(fc.tuple(...perField), side === 'file' ? fc.constant([] as Part[]) : unknown).map(([groups, extra]) => [...groups.flat(), ...extra]);
  });
}

function quoted(value: string): string {
  return value.replace(/"/g, '%22');
}

/** A multipart/form-data body built byte by byte, so any part can be malformed. */
export function encodeForm(parts: Part[], boundary: string): Bytes {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${quoted(part.filename)}"`;
    head += '\r\n';
    if (part.type) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(text(`${head}\r\n`), part.bytes, text('\r\n'));
  }
  chunks.push(text(`--${boundary}--\r\n`));
  return concatBytes(...chunks);
}

export interface FormBody {
  contentType: string | null;
  body: Bytes;
  what: string;
}

/** Whole hostile multipart bodies: damaged forms, and bodies whose framing itself is broken. */
export function formBodies(fields: FormField[], examples: Record<string, unknown>, samples: FileSamples): fc.Arbitrary<FormBody> {
  const boundary = 'fuzz-boundary-7MA4YWxkTrZu0gW';
  const type = `multipart/form-data; boundary=${boundary}`;
  const parts = formParts(fields, examples, samples);
  return fc.oneof(
    { weight: 10, arbitrary: parts.map((list): FormBody => ({ contentType: type, body: encodeForm(list, boundary), what: `parts ${list.map((p) => `${p.name}${p.filename === undefined ? '' : '(file)'}`).join(',')}` })) },
    {
      weight: 1,
      arbitrary: fc.tuple(parts, fc.nat()).map(([list, cut]): FormBody => {
        const whole = encodeForm(list, boundary);
        return { contentType: type, body: whole.slice(0, cut % Math.max(1, whole.length)), what: 'truncated form' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(parts, fc.constantFrom(null, 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=other', 'multipart/mixed; boundary=' + boundary, 'application/json', 'text/plain'))
        .map(([list, contentType]): FormBody => ({ contentType, body: encodeForm(list, boundary), what: `form under ${contentType}` })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes): FormBody => ({ contentType: type, body: new Uint8Array(bytes), what: 'garbage body' })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--${boundary}--\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n`,
        `--${boundary}\r\n\r\n\r\n--${boundary}--\r\n`,
        `--${boundary}--\r\n`,
        '',
        `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename*=UTF-8''%E2%80%AE.png\r\n\r\nx\r\n--${boundary}--\r\n`,
      ).map((raw): FormBody => ({ contentType: type, body: text(raw), what: 'broken framing' })),
    },
  );
}
