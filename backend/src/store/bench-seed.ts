/**
 * Bulk data for the queue benchmark (src/bench/queue.bench.ts): complaints
 * waiting for review spread over many tenants, written straight into a
 * migrated SQLite file with prepared statements in large transactions. Going
 * through the services would take hours for a million complaints and measure
 * nothing the benchmark is about. Never used by the product.
 */
import Database from 'better-sqlite3';
import { REASON_CODES } from '@openipp/shared';

export interface QueueBenchSeed {
  complaints: number;
  tenants: number;
  /** Epoch ms the due dates are spread around: ~10 % overdue, the rest due within 20 days. */
  now: number;
  /** Deterministic pseudo-random sequence, so runs are comparable. */
  seed?: number;
}

function random(seed: number): () => number {
  // mulberry32
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MARKETPLACES = [
  ['taobao', (n: number) => `https://item.taobao.com/item.htm?id=${600000000000 + n}`, 'CN'],
  ['tmall', (n: number) => `https://detail.tmall.com/item.htm?id=${600000000000 + n}`, 'CN'],
  ['amazon', (n: number) => `https://www.amazon.com/dp/B${String(n).padStart(9, '0')}`, 'US'],
  ['ebay', (n: number) => `https://www.ebay.com/itm/${100000000000 + n}`, 'US'],
] as const;

export function seedQueueBench(databaseFile: string, options: QueueBenchSeed): void {
  const db = new Database(databaseFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const next = random(options.seed ?? 42);
  const day = 86_400_000;
  try {
    const tenant = db.prepare(
      `insert into tenants (id, kind, name, created_at, identity_status) values (?, 'rights_holder', ?, ?, 'approved')`,
    );
    const user = db.prepare(
      `insert into users (id, tenant_id, email, display_name, role, locale, password_hash, created_at, email_verified_at)
       values (?, ?, ?, ?, 'owner', 'en', 'not-a-login', ?, ?)`,
    );
    const complaint = db.prepare(
      `insert into complaints (id, tenant_id, reason, explanation, good_faith, accuracy, state, created_at, created_by, updated_at, submitted_at, due_at)
       values (?, ?, ?, 'Bench complaint: goods bearing the mark.', 1, 1, ?, ?, ?, ?, ?, ?)`,
    );
    const listing = db.prepare(
      `insert into complaint_listings (id, complaint_id, tenant_id, position, url, canonical_url, marketplace, listing_id, jurisdiction, capture_ids, outcome)
       values (?, ?, ?, 1, ?, ?, ?, ?, ?, '[]', 'pending')`,
    );
    db.transaction(() => {
      for (let t = 0; t < options.tenants; t++) {
        const id = `bench-tenant-${t}`;
        tenant.run(id, `Bench Brand ${t}`, options.now - 400 * day);
        user.run(`bench-user-${t}`, id, `bench-${t}@bench.test`, `Bench ${t}`, options.now - 400 * day, options.now - 400 * day);
      }
    })();
    const batch = 50_000;
    for (let start = 0; start < options.complaints; start += batch) {
      db.transaction(() => {
        for (let n = start; n < Math.min(start + batch, options.complaints); n++) {
          const t = Math.floor(next() * options.tenants);
          const due = options.now + Math.round((next() * 22 - 2) * day);
          const submitted = due - Math.round((3 + next() * 7) * day);
          const id = `bench-c-${String(n).padStart(8, '0')}`;
          const [marketplace, url, jurisdiction] = MARKETPLACES[n % MARKETPLACES.length]!;
          complaint.run(
            id,
            `bench-tenant-${t}`,
            REASON_CODES[n % REASON_CODES.length],
            next() < 0.7 ? 'submitted' : 'in_review',
            submitted,
            `bench-user-${t}`,
            submitted,
            submitted,
            due,
          );
          listing.run(`bench-l-${n}`, id, `bench-tenant-${t}`, url(n), url(n), marketplace, String(n), jurisdiction);
        }
      })();
    }
    db.pragma('optimize');
  } finally {
    db.close();
  }
}
