/**
 * Tenant isolation, route by route (issue #8, part 1). The routes come from
 * the app's own OpenAPI document; tenant-matrix.ts says, for each, what every
 * role must be told about another tenant's record. Every refusal must also
 * leave the database exactly as it was: rows, content and the audit chain.
 */
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../testing/harness';
import { captureState, stateChanges, tableNames, type DbState } from './tenant-matrix-effects';
import { buildWorld, ROLES, type ForeignRecords, type MatrixWorld } from './tenant-matrix-fixtures';
import { TENANT_MATRIX, type MatrixBody, type MatrixEntry } from './tenant-matrix';

interface DocumentedRoute {
  key: string;
  method: string;
  path: string;
  secured: boolean;
}

let world: MatrixWorld;
let routes: DocumentedRoute[];

beforeAll(async () => {
  world = await buildWorld();
  const res = await world.h.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      secured: (operation.security?.length ?? 0) > 0,
    })),
  );
}, 120_000);

afterAll(async () => {
  await world?.close();
});

function requestBody(body: MatrixBody | undefined): { body?: string | FormData | Blob; headers: Record<string, string> } {
  if (!body) return { headers: {} };
  if ('json' in body) return { body: JSON.stringify(body.json), headers: { 'Content-Type': 'application/json' } };
  // fetch sets the multipart boundary itself.
  if ('form' in body) return { body: body.form(), headers: {} };
  return { body: new Blob([body.bytes]), headers: { 'Content-Type': 'application/octet-stream' } };
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter {${name}}`);
    return encodeURIComponent(value);
  });
}

/** The foreign records with every id replaced by one that exists nowhere. */
function absentRecords(): ForeignRecords {
  const absent = { ...world.foreign };
  for (const key of Object.keys(absent) as Array<keyof ForeignRecords>) {
    if (key.endsWith('Id')) (absent as Record<string, unknown>)[key] = randomUUID();
  }
  return absent;
}

async function send(route: DocumentedRoute, entry: MatrixEntry, token: string | undefined, f: ForeignRecords = world.foreign): Promise<Response> {
  const url = entry.kind === 'tenant' ? fillPath(route.path, entry.params?.(f) ?? {}) + (entry.query ? `?${entry.query(f)}` : '') : route.path;
  const payload = requestBody(entry.kind === 'tenant' ? entry.body?.(f) : entry.probe.body);
  const headers: Record<string, string> = { ...payload.headers, ...(token ? bearer(token) : {}) };
  // Every write carries a fresh key, so a refusal can never be the missing key's 400.
  if (route.method !== 'GET') headers[IDEMPOTENCY_HEADER] = randomUUID();
  return world.h.app.request(url, { method: route.method, headers, ...(payload.body !== undefined ? { body: payload.body } : {}) });
}

describe('the tenant-isolation matrix', () => {
  it('names every route of the OpenAPI document, and no route the document lacks', () => {
    const documented = routes.map((route) => route.key).sort();
    const declared = Object.keys(TENANT_MATRIX).sort();
    expect({
      missingFromMatrix: documented.filter((key) => !declared.includes(key)),
      goneFromDocument: declared.filter((key) => !documented.includes(key)),
    }).toEqual({ missingFromMatrix: [], goneFromDocument: [] });
    // A route's kind must match the document: a secured route declared public would skip every check.
    const mismatched = routes.filter((route) => TENANT_MATRIX[route.key] && (TENANT_MATRIX[route.key]!.kind === 'tenant') !== route.secured);
    expect(mismatched.map((route) => route.key)).toEqual([]);
  });

  it('refuses every role a foreign record, a wrong role and no session, exactly as declared, and changes nothing when it refuses', async () => {
    const tables = tableNames(world.h.db);
    const failures: string[] = [];
    const tally = { refused: 0, allowedReads: 0, asAbsent: 0, skipped: 0, anonymous: 0, publicProbes: 0 };
    let state: DbState = captureState(world.h.db, tables);

    const check = async (
      route: DocumentedRoute,
      entry: MatrixEntry,
      who: string,
      token: string | undefined,
      expected: number,
      sideEffectFree: boolean,
      records?: ForeignRecords,
    ) => {
      let res: Response;
      try {
        res = await send(route, entry, token, records);
      } catch (error) {
        failures.push(`${route.key} as ${who}: threw ${String(error)}`);
        return;
      }
      const text = await res.text();
      if (res.status !== expected) failures.push(`${route.key} as ${who}: expected ${expected}, got ${res.status} ${text.slice(0, 200)}`);
      const after = captureState(world.h.db, tables);
      if (sideEffectFree) {
        const changes = stateChanges(state, after);
        if (changes.length > 0) failures.push(`${route.key} as ${who}: side effect on refusal: ${changes.join('; ')}`);
      }
      state = after;
      return text;
    };

    for (const route of routes) {
      const entry = TENANT_MATRIX[route.key];
      if (!entry) continue; // reported by the test above
      if (entry.kind === 'public') {
        tally.publicProbes += 1;
        await check(route, entry, 'anonymous', undefined, entry.probe.status, entry.probe.sideEffectFree);
        continue;
      }
      tally.anonymous += 1;
      await check(route, entry, 'anonymous', undefined, 401, true);
      for (const role of ROLES) {
        const cell = entry.roles[role];
        if (typeof cell === 'object') {
          tally.skipped += 1;
          continue;
        }
        const token = world.tokens[role];
        if (cell === 'ok') {
          tally.allowedReads += 1;
          if (route.method !== 'GET') {
            failures.push(`${route.key} as ${role}: 'ok' is for reads; a write the role may make is a skip with its reason`);
            continue;
          }
          const text = await check(route, entry, role, token, 200, false);
          // Customers' answers must not carry another tenant's ids or addresses (staff see every tenant by design).
          if (text !== undefined && role !== 'reviewer' && role !== 'admin') {
            const leaked = world.foreignMarkers.filter((marker) => text.includes(marker));
            if (leaked.length > 0) failures.push(`${route.key} as ${role}: answer names another tenant's ${leaked.join(', ')}`);
          }
          continue;
        }
        if (cell === 'as-absent') {
          tally.asAbsent += 1;
          const withoutRequestId = (text: string | undefined) => text?.replace(/"requestId":"[^"]*"/, '');
          const absent = withoutRequestId(await check(route, entry, `${role} (absent records)`, token, 200, true, absentRecords()));
          const foreign = withoutRequestId(await check(route, entry, role, token, 200, true));
          if (absent !== foreign) failures.push(`${route.key} as ${role}: answers differently about foreign records (${foreign}) than absent ones (${absent})`);
          continue;
        }
        tally.refused += 1;
        await check(route, entry, role, token, cell, true);
      }
    }

    expect(failures).toEqual([]);
    // The matrix really ran: every documented route was exercised by someone.
    expect(tally.anonymous + tally.publicProbes).toBe(routes.length);
    expect(tally.refused).toBeGreaterThan(routes.length);
  });
});
