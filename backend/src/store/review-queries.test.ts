import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openStore, type Store } from './index';
import { reviewQueueQuery } from './review-queries';
import * as schema from './schema';

let dir: string;
let store: Store;
let conn: Database.Database;

const COMPLAINTS = 3_000;
const NOW = Date.parse('2030-03-01T00:00:00Z');
const HOUR = 3_600_000;

/** Rows enough for the planner to have a real choice: many tenants, every state, listings, claims, risk. */
function seed(db: Database.Database): void {
  db.pragma('foreign_keys = OFF');
  const tenant = db.prepare("insert into tenants (id, kind, name, created_at) values (?, 'rights_holder', ?, 1)");
  const complaint = db.prepare(
    `insert into complaints (id, tenant_id, right_id, reason, explanation, good_faith, accuracy, state, created_at, created_by, updated_at, submitted_at, due_at)
     values (?, ?, null, ?, 'x', 1, 1, ?, ?, 'u', ?, ?, ?)`,
  );
  const listing = db.prepare(
    `insert into complaint_listings (id, complaint_id, tenant_id, position, url, canonical_url, marketplace, capture_ids, outcome)
     values (?, ?, ?, 1, 'u', ?, ?, '[]', 'pending')`,
  );
  const states = ['draft', 'submitted', 'in_review', 'needs_info', 'decided', 'withdrawn'];
  db.transaction(() => {
    for (let t = 0; t < 50; t++) tenant.run(`t${t}`, `Tenant ${t}`);
    for (let i = 0; i < COMPLAINTS; i++) {
      const id = `c${String(i).padStart(6, '0')}`;
      const state = states[i % states.length]!;
      const at = NOW - (i % 500) * HOUR;
      const open = state === 'submitted' || state === 'in_review';
      complaint.run(id, `t${i % 50}`, i % 2 ? 'counterfeit' : 'trademark_misuse', state, at, at, state === 'draft' ? null : at, open ? at + 72 * HOUR : null);
      listing.run(`l${i}`, id, `t${i % 50}`, `https://item.taobao.com/item.htm?id=${i}`, i % 3 ? 'taobao' : 'amazon');
    }
  })();
}

function plan(params: Record<string, unknown>): string[] {
  const db = drizzle({ client: conn, schema });
  const query = reviewQueueQuery(db).toSQL();
  const values = query.params.map((param) => {
    const name = (param as { name?: string }).name;
    if (name === undefined || !(name in params)) throw new Error(`no value for ${String(name)}`);
    return params[name];
  });
  return (conn.prepare(`explain query plan ${query.sql}`).all(...(values as unknown[])) as Array<{ detail: string }>).map((row) => row.detail);
}

const FIRST_PAGE = {
  now: NOW,
  limit: 51,
  afterDue: Number.MIN_SAFE_INTEGER,
  afterId: '',
  dueFrom: Number.MIN_SAFE_INTEGER,
  dueBefore: Number.MAX_SAFE_INTEGER,
  state: null,
  reason: null,
  rightType: null,
  risk: null,
  marketplace: null,
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'openipp-review-queries-'));
  store = openStore(dir);
  conn = new Database(databaseFile(dir));
  seed(conn);
});
afterAll(async () => {
  conn.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the review queue statement', () => {
  /**
   * The first page must be a walk of complaints_queue_idx from its start
   * (rows come out in queue order, so LIMIT stops the walk), never a scan of
   * the table followed by a sort of every open complaint.
   */
  const expectIndexWalk = (details: string[]) => {
    const complaintsLine = details.find((line) => /\bcomplaints\b/.test(line) && !/complaint_listings|complaint_claims/.test(line));
    expect(complaintsLine, details.join('\n')).toMatch(/^(SCAN|SEARCH) complaints USING INDEX complaints_queue_idx/);
    expect(details.filter((line) => /TEMP B-TREE/.test(line)), details.join('\n')).toEqual([]);
    expect(details.filter((line) => /^SCAN (complaints|tenants|rights|complainant_risk|complaint_claims|users)\b(?! USING)/.test(line))).toEqual([]);
  };

  it('walks complaints_queue_idx in order on the first page: no full scan, no temp b-tree sort', () => {
    expectIndexWalk(plan(FIRST_PAGE));
  });

  it('seeks into the same index for a later page and keeps it with every filter set', () => {
    expectIndexWalk(plan({ ...FIRST_PAGE, afterDue: NOW, afterId: 'c001000' }));
    expectIndexWalk(
      plan({ ...FIRST_PAGE, dueBefore: NOW, state: 'in_review', reason: 'counterfeit', rightType: 'trademark', risk: 'high', marketplace: 'amazon' }),
    );
  });

  it('keeps the plan once the database has statistics (ANALYZE)', () => {
    conn.exec('analyze');
    expectIndexWalk(plan(FIRST_PAGE));
  });

  it('returns the queue order: open complaints only, by due date then id, a keyset page at a time', async () => {
    const all = await store.reviewQueue({ now: NOW, limit: COMPLAINTS, state: null, reason: null, rightType: null, marketplace: null, risk: null });
    const expected = conn
      .prepare("select id, due_at from complaints where state in ('submitted', 'in_review') order by due_at, id")
      .all() as Array<{ id: string }>;
    expect(all.map((row) => row.complaint.id)).toEqual(expected.map((row) => row.id));
    expect(all.length).toBe(COMPLAINTS / 3);
    const pages: string[] = [];
    let after: { dueAt: number; id: string } | undefined;
    for (;;) {
      const page = await store.reviewQueue({ now: NOW, limit: 97, ...(after ? { after } : {}), state: null, reason: null, rightType: null, marketplace: null, risk: null });
      pages.push(...page.map((row) => row.complaint.id));
      const last = page.at(-1);
      if (page.length < 97 || !last) break;
      after = { dueAt: last.complaint.dueAt!, id: last.complaint.id };
    }
    expect(pages).toEqual(expected.map((row) => row.id));
  });
});
