/**
 * HTTP throughput of the complaint routes, as ratios against a bare route
 * served by the same process in the same run — so the figures say what our
 * code costs, not how fast this machine happens to be today. A script, not a
 * test: nothing here passes or fails.
 *
 *   cd backend && node --import tsx src/bench/complaints-api.bench.ts [seconds per route, default 5]
 *
 * Runs on a throw-away data directory with the demo seed, over real HTTP.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { CaptureReceipt } from '@openipp/shared';
import { loginBearer, pngBytes, sampleMeta, upload } from '../testing/harness';
import { benchHarness, complaintDraft, fileComplaint, listen, measure, type Measurement } from './plumbing';

const seconds = Number(process.argv[2] ?? 5);
const LISTINGS = 10;

interface Target {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  auth?: boolean;
}

function run(baseUrl: string, token: string, target: Target): Promise<Measurement> {
  return measure({
    url: `${baseUrl}${target.path}`,
    seconds,
    method: target.method ?? 'GET',
    headers: {
      ...(target.auth ? { authorization: `Bearer ${token}` } : {}),
      ...(target.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(target.body ? { body: target.body } : {}),
  });
}

const h = await benchHarness();
const owner = await loginBearer(h, 'owner@demo.test');
const auth = { authorization: `Bearer ${owner}` };

// Ten real captures (the check re-hashes their stored bytes) and the seeded verified right.
const captures: string[] = [];
for (let i = 0; i < LISTINGS; i++) {
  const url = `https://item.taobao.com/item.htm?id=${610000000000 + i}`;
  const res = await upload(h, auth, randomUUID(), { meta: sampleMeta({ url }), file: { bytes: await pngBytes(1280, 800, `#${(i * 1_234_567).toString(16).padStart(6, '0').slice(0, 6)}`) } });
  captures.push(((await res.json()) as CaptureReceipt).id);
}
const draft = await complaintDraft(
  h,
  auth,
  captures.map((captureId, i) => ({ url: `https://item.taobao.com/item.htm?id=${610000000000 + i}&spm=a1z10.1`, captureId })),
);
// One filed complaint, so the lookup finds something.
await fileComplaint(h, auth, draft);

const bare = await listen(new Hono().get('/', (c) => c.text('ok')).fetch);
const api = await listen(h.app.fetch);

const targets: Target[] = [
  { name: 'GET /api/health', path: '/api/health' },
  { name: 'GET /api/complaints/lookup', path: `/api/complaints/lookup?url=${encodeURIComponent(draft.listings[0]!.url)}`, auth: true },
  { name: 'GET /api/complaints/context', path: '/api/complaints/context', auth: true },
  { name: 'GET /api/complaints (page of 20)', path: '/api/complaints?limit=20', auth: true },
  { name: `POST /api/complaints/check (${LISTINGS} listings)`, path: '/api/complaints/check', method: 'POST', body: JSON.stringify(draft), auth: true },
];

const baseline = await run(bare.url, owner, { name: 'bare', path: '/' });
console.log(`bare Hono route: ${Math.round(baseline.rps)} req/s (p99 ${baseline.p99} ms) — the 1.00 every ratio below is against`);
for (const target of targets) {
  const result = await run(api.url, owner, target);
  const ratio = result.rps / baseline.rps;
  console.log(
    `${target.name}: ${Math.round(result.rps)} req/s, ${ratio.toFixed(3)} of bare (p99 ${result.p99} ms${result.failures ? `, ${result.failures} failed!` : ''})`,
  );
}

await bare.close();
await api.close();
await h.close();
