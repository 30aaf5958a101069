/**
 * Hostile input (issue #8, part 2): every route of the OpenAPI document that
 * takes a JSON or multipart body is called, by a role allowed to use it and on
 * records of the caller's own, with fast-check-generated hostile bodies:
 * malformed JSON, oversized strings and arrays, nesting thousands deep,
 * confusable and direction-changing characters, NUL and lone surrogates,
 * type-confused fields, unknown keys, and forms with missing, duplicate,
 * mistyped or garbage parts. For every request:
 *   - never a 5xx;
 *   - a 4xx is problem+json whose code is one of the closed list, at its status;
 *   - a refusal changes nothing: row counts and contents (the rate-limit
 *     counters and the session's sliding expiry aside), the audit chain's
 *     head, the blob files;
 *   - an accepted request (a fuzzed body can be a valid one) is a whole write:
 *     the audit chain still verifies through the head it had before, and no
 *     row points at a missing one.
 * New routes join by themselves: the list comes from the document. The seed
 * is fixed, so a failure replays; FUZZ_RUNS raises the runs per route.
 */
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER } from '@openipp/shared';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../services/audit';
import { databaseFile } from '../store';
import { inspectDatabase } from '../store/inspect';
import { bearer } from '../testing/harness';
import { exampleOf, formBodies, formFields, hostileString, jsonBodies, type Bytes, type JsonSchema } from './fuzz-inputs';
import { buildFuzzWorld, roleFor, ROLES, type BodyRoute, type Role } from './fuzz-world';
import { contentState, problemViolation, stateChanges, type ContentState } from './side-effects';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_808);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** FUZZ_REPORT=1 prints, per route, how many answers had each status and code. */
const REPORT = process.env.FUZZ_REPORT === '1';
const tally: Record<string, Record<string, number>> = {};

const world = await buildFuzzWorld();
const { h } = world;
afterAll(async () => {
  if (REPORT) console.log(Object.entries(tally).map(([route, counts]) => `${route}: ${Object.entries(counts).map(([k, n]) => `${k}×${n}`).join(' ')}`).join('\n'));
  await world.close();
});

interface OpenApiOperation {
  security?: unknown[];
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
}
const doc = (await (await h.app.request('/api/openapi.json')).json()) as { security?: unknown[]; paths: Record<string, Record<string, OpenApiOperation>> };

const ROUTES: BodyRoute[] = Object.entries(doc.paths)
  .flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]): BodyRoute[] => {
      const content = op.requestBody?.content ?? {};
      const kind = 'application/json' in content ? 'json' : 'multipart/form-data' in content ? 'multipart' : null;
      if (!kind) return [];
      const schema = content[kind === 'json' ? 'application/json' : 'multipart/form-data']?.schema ?? {};
      const security = op.security ?? doc.security ?? [];
      return [{ method: method.toUpperCase(), path, kind, schema, secured: security.length > 0, idempotent: (op.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase()) }];
    }),
  )
  // Public routes first and admin last: an accepted admin write (a tenant rejected, filing suspended) must not starve the others.
  .sort((a, b) => ROLES.indexOf(roleFor(a)) - ROLES.indexOf(roleFor(b)) || a.path.localeCompare(b.path));

/** Codes that show the request got past the caller checks to the body itself. */
const BODY_CODES = new Set(['malformed_json', 'validation_failed', 'malformed_multipart', 'missing_file', 'payload_too_large', 'unsupported_media_type', 'unsupported_file_type', 'empty_file', 'file_type_mismatch', 'image_unreadable', 'trailing_data', 'document_unreadable']);

/** Tables a refused request to a route writes by design, with the reason. */
const REFUSALS_THAT_WRITE: Record<string, Record<string, string>> = {
  'POST /api/auth/login': { login_events: 'every sign-in attempt is recorded, failed ones above all, for the login history users and staff read' },
};

interface Sent {
  status: number;
  code: string | undefined;
}

let baseline: ContentState = contentState(h);

const authFor = (role: Role): Record<string, string> => (role === 'anonymous' ? {} : bearer(world.tokens[role]));

/** Every byte percent-encoded: the segment stays one segment, whatever the text. */
const percentEncoded = (value: string) => [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** A path parameter: the caller's own record mostly, else a random or hostile id. */
function paramValue(route: BodyRoute, name: string): fc.Arbitrary<string> {
  const real = world.pathIds[route.path]?.[name];
  const reals = real ? [real] : world.anyIds;
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...reals) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: hostileString.filter((value) => value.length > 0).map(percentEncoded) },
  );
}

function bodyArbitrary(route: BodyRoute): fc.Arbitrary<{ contentType: string | null; body: string | Bytes; what: string }> {
  if (route.kind === 'json') return jsonBodies(exampleOf(route.schema as JsonSchema, world.bodyIds));
  return formBodies(formFields(route.schema as JsonSchema), world.formExamples[route.path] ?? {}, world.samples);
}

async function send(route: BodyRoute, params: Record<string, string>, contentType: string | null, body: string | Bytes, idempotencyKey: string | null): Promise<{ res: Response; text: string }> {
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? randomUUID());
  const headers: Record<string, string> = { ...authFor(roleFor(route)) };
  if (contentType !== null) headers['Content-Type'] = contentType;
  if (idempotencyKey !== null) headers[IDEMPOTENCY_HEADER] = idempotencyKey;
  // Bytes, not a string: a string body would get a text/plain Content-Type when the case sends none.
  const bytes = typeof body === 'string' ? new Uint8Array(Buffer.from(body, 'utf8')) : body;
  const res = await h.app.request(url, { method: route.method, headers, body: bytes });
  return { res, text: await res.text() };
}

/** Checks one answer against the contract, and moves the baseline past an accepted write. */
async function judge(route: BodyRoute, what: string, res: Response, text: string): Promise<Sent> {
  const where = `${route.method} ${route.path} (${what}) → ${res.status} ${text.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`server error: ${where}`);
  const after = contentState(h);
  if (res.status >= 400) {
    const violation = problemViolation(res, text);
    if (violation) throw new Error(`not a proper problem (${violation}): ${where}`);
    const changes = stateChanges(baseline, after, Object.keys(REFUSALS_THAT_WRITE[`${route.method} ${route.path}`] ?? {}));
    if (changes.length) throw new Error(`a refused request wrote: ${changes.join('; ')}: ${where}`);
    return { status: res.status, code: (JSON.parse(text) as { code: string }).code };
  }
  // Accepted: whatever it wrote is whole. The chain extends the head it had; no row points at nothing.
  const chain = await verifyAuditChain(h.runtime.store, baseline.auditHead ? { expectedHead: baseline.auditHead } : {});
  if (!chain.ok) throw new Error(`audit chain broken after an accepted request (${chain.reason} at ${chain.firstBrokenSeq}): ${where}`);
  const dangling = h.db.rows('pragma foreign_key_check');
  if (dangling.length) throw new Error(`dangling rows after an accepted request ${JSON.stringify(dangling.slice(0, 3))}: ${where}`);
  await world.heal(route);
  baseline = contentState(h);
  return { status: res.status, code: undefined };
}

describe('hostile bodies on every JSON and multipart route: never a 5xx, a coded problem, nothing half-written', () => {
  it('the document lists the routes this suite covers', () => {
    const kinds = { json: ROUTES.filter((r) => r.kind === 'json').length, multipart: ROUTES.filter((r) => r.kind === 'multipart').length };
    // The suite would pass vacuously over an empty or truncated document.
    expect(kinds.json).toBeGreaterThanOrEqual(25);
    expect(kinds.multipart).toBeGreaterThanOrEqual(6);
    // Every secured route with a path parameter gets a real record of the caller's, so the body is what is refused.
    const unplaced = ROUTES.filter((r) => r.secured && r.path.includes('{') && !world.pathIds[r.path]).map((r) => `${r.method} ${r.path}`);
    expect(unplaced).toEqual([]);
  });

  it('the state check sees a write that changes no row count, and nothing else', () => {
    const writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    try {
      const before = contentState(h);
      expect(stateChanges(before, contentState(h))).toEqual([]);
      // A table without sync triggers, so the edit is the only change.
      const [row] = h.db.rows<{ id: string; user_agent: string | null }>('select id, user_agent from login_events limit 1');
      writable.run('update login_events set user_agent = ? where id = ?', 'edited', row!.id);
      expect(stateChanges(before, contentState(h))).toEqual(['login_events: rows changed']);
      writable.run('update login_events set user_agent = ? where id = ?', row!.user_agent, row!.id);
      expect(stateChanges(before, contentState(h))).toEqual([]);
    } finally {
      writable.close();
    }
  });

  it.each(ROUTES.map((route) => ({ ...route, label: `${route.method} ${route.path} as ${roleFor(route)}` })))(
    '$label',
    async (route) => {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      const params = fc.record(Object.fromEntries(names.map((name) => [name, paramValue(route, name)])) as Record<string, fc.Arbitrary<string>>);
      const key = route.idempotent
        ? fc.oneof({ weight: 8, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileString.filter((s) => /^[\t\x20-\x7e]*$/.test(s)) })
        : fc.constant(null);
      const seen: Sent[] = [];
      baseline = contentState(h);
      await fc.assert(
        fc.asyncProperty(params, bodyArbitrary(route), key, async (pathParams, { contentType, body, what }, idempotencyKey) => {
          const { res, text } = await send(route, pathParams, contentType, body, idempotencyKey);
          const sent = await judge(route, what, res, text);
          seen.push(sent);
          const counts = (tally[`${route.method} ${route.path}`] ??= {});
          const label = `${sent.status}${sent.code ? ` ${sent.code}` : ''}`;
          counts[label] = (counts[label] ?? 0) + 1;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      // The fuzzing reached the body checks (or a write), not just the door.
      expect(seen.some(({ status, code }) => status < 400 || (code !== undefined && BODY_CODES.has(code)))).toBe(true);
    },
    60_000,
  );
});
