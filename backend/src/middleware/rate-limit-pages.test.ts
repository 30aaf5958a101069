import { LIMITS } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFiler, fileComplaint, signIn, type Filer } from '../testing/filing';
import { bearer, createHarness, type Harness } from '../testing/harness';

/**
 * Page-size caps (MISSION item 21: no bulk export). Every route with a `limit`
 * parameter refuses a page over LIMITS.listPageMax with 400 validation_failed
 * (refused, not clamped, on every route alike), and with more records than
 * that stored, no page is larger.
 */
const CAP = LIMITS.listPageMax;

type Operation = { parameters?: Array<{ in: string; name: string; schema?: { maximum?: number } }> };

/** Who may read each paged route, and how many records one page of its answer holds. */
const READERS: Record<string, { as: 'owner' | 'reviewer'; size: (body: Record<string, unknown>) => number; more: (body: Record<string, unknown>) => boolean }> = {
  '/api/captures': { as: 'owner', size: (b) => (b.items as unknown[]).length, more: (b) => typeof b.nextCursor === 'string' },
  '/api/complaints': { as: 'owner', size: (b) => (b.items as unknown[]).length, more: (b) => typeof b.nextCursor === 'string' },
  '/api/review/queue': { as: 'reviewer', size: (b) => (b.items as unknown[]).length, more: (b) => typeof b.nextCursor === 'string' },
  '/api/sync/changes': {
    as: 'owner',
    size: (b) => ['complaints', 'infoRequests', 'messages'].reduce((sum, key) => sum + (b[key] as unknown[]).length, 0),
    more: (b) => b.hasMore === true,
  },
};

let h: Harness;
let filer: Filer;
let reviewer: string;
let paged: Array<[string, Operation]>;

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
  filer = await demoFiler(h);
  reviewer = (await signIn(h, 'reviewer@demo.test')).token;
  // More than one page of everything: captures, complaints, queue items and sync changes.
  for (let i = 0; i <= CAP; i++) await fileComplaint(h, filer, 1);
  const doc = (await (await h.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
  paged = Object.entries(doc.paths).flatMap(([path, ops]) =>
    ops.get?.parameters?.some((param) => param.in === 'query' && param.name === 'limit') ? [[path, ops.get] as [string, Operation]] : [],
  );
}, 120_000);
afterAll(() => h.close());

const read = (path: string, query: string) =>
  h.app.request(`${path}${query}`, { headers: bearer(READERS[path]!.as === 'owner' ? filer.token : reviewer) });

describe('page-size caps', () => {
  it('documents a cap of LIMITS.listPageMax on every paged route, and every paged route is checked here', () => {
    expect(paged.map(([path]) => path).sort()).toEqual(Object.keys(READERS).sort());
    for (const [path, op] of paged) {
      expect(op.parameters!.find((param) => param.name === 'limit')!.schema?.maximum, path).toBe(CAP);
    }
  });

  it('refuses a page over the cap with 400 validation_failed naming `limit`', async () => {
    for (const [path] of paged) {
      for (const limit of [CAP + 1, 10_000]) {
        const res = await read(path, `?limit=${limit}`);
        expect(res.status, `${path}?limit=${limit}`).toBe(400);
        const body = (await res.json()) as { code: string; errors?: Array<{ path: string }> };
        expect(body.code).toBe('validation_failed');
        expect(body.errors?.map((error) => error.path)).toContain('limit');
      }
    }
  });

  it('never answers more than the cap, though more records exist', async () => {
    for (const [path] of paged) {
      const reader = READERS[path]!;
      const full = (await (await read(path, `?limit=${CAP}`)).json()) as Record<string, unknown>;
      expect(reader.size(full), path).toBe(CAP);
      expect(reader.more(full), `${path} says there is more`).toBe(true);
      const byDefault = (await (await read(path, '')).json()) as Record<string, unknown>;
      expect(reader.size(byDefault), path).toBeGreaterThan(0);
      expect(reader.size(byDefault), path).toBeLessThanOrEqual(CAP);
    }
  });
});
