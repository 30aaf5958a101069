/**
 * The review queue under load (issue #5): the first page and the 50th page of
 * GET /api/review/queue, at a fixed request rate, against a bare Hono route
 * served by the same process in the same run, with 10,000 and with 1,000,000
 * complaints over 1,000 tenants. A script, not a test.
 *
 *   cd backend && node --import tsx src/bench/queue.bench.ts [rate per second, default 200] [seconds, default 10] [sizes, default 10000,1000000]
 *
 * Goals: p99 < 50 ms and p50 < 10 ms at 1M, and p99(1M) / p99(10k) ≤ 2.
 */
import { Hono } from 'hono';
import type { QueuePage } from '@openipp/shared';
import { databaseFile } from '../store';
import { seedQueueBench } from '../store/bench-seed';
import { loginBearer } from '../testing/harness';
import { benchHarness, listen, measure as measureRoute, type Measurement } from './plumbing';

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 10);
const SIZES = (process.argv[4] ?? '10000,1000000').split(',').map(Number);
const TENANTS = 1_000;
const PAGE = 20;

function measure(url: string, token?: string): Promise<Measurement> {
  // A fixed offered load, so latency is compared at the same pressure, not at saturation.
  return measureRoute({ url, seconds, rate, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
}

const bare = await listen(new Hono().get('/', (c) => c.text('ok')).fetch);
const p99s: number[] = [];
for (const size of SIZES) {
  const h = await benchHarness();
  const started = Date.now();
  seedQueueBench(databaseFile(h.dataDir), { complaints: size, tenants: TENANTS, now: Date.now() });
  const seeded = Date.now() - started;
  const reviewer = await loginBearer(h, 'reviewer@demo.test');
  const api = await listen(h.app.fetch);

  // The 50th page's cursor, reached the way a reviewer would: page after page.
  let cursor: string | undefined;
  for (let page = 1; page < 50; page++) {
    const res = await fetch(`${api.url}/api/review/queue?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${reviewer}` },
    });
    if (!res.ok) throw new Error(`queue page ${page}: ${res.status} ${await res.text()}`);
    cursor = ((await res.json()) as QueuePage).nextCursor;
    if (cursor === undefined) throw new Error(`the queue ended at page ${page}`);
  }

  const baseline = await measure(`${bare.url}/`);
  const first = await measure(`${api.url}/api/review/queue?limit=${PAGE}`, reviewer);
  const fiftieth = await measure(`${api.url}/api/review/queue?limit=${PAGE}&cursor=${encodeURIComponent(cursor!)}`, reviewer);
  p99s.push(Math.max(first.p99, fiftieth.p99));
  console.log(`${size.toLocaleString('en')} complaints over ${TENANTS} tenants (seeded in ${(seeded / 1000).toFixed(1)} s), ${rate} req/s offered for ${seconds} s:`);
  for (const [name, r] of [['bare route', baseline], ['queue, page 1', first], ['queue, page 50', fiftieth]] as const) {
    console.log(
      `  ${name.padEnd(15)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  (${(r.p99 / Math.max(baseline.p99, 1)).toFixed(1)}× bare p99)  ${Math.round(r.rps)} req/s${r.failures ? `  ${r.failures} failed!` : ''}`,
    );
  }
  await api.close();
  await h.close();
}
if (p99s.length === 2) console.log(`p99(${SIZES[1]!.toLocaleString('en')}) / p99(${SIZES[0]!.toLocaleString('en')}): ${(p99s[1]! / Math.max(p99s[0]!, 1)).toFixed(2)}`);
await bare.close();
