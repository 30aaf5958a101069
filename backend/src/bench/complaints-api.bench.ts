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
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { IDEMPOTENCY_HEADER, type CaptureReceipt, type ComplaintContext, type ComplaintInput } from '@openipp/shared';
import { createHarness, loginBearer, pngBytes, sampleMeta, upload } from '../testing/harness';

const seconds = Number(process.argv[2] ?? 5);
const LISTINGS = 10;

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

interface Target {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  auth?: boolean;
}

async function run(baseUrl: string, token: string, target: Target): Promise<{ rps: number; p99: number; non2xx: number }> {
  const result = await autocannon({
    url: `${baseUrl}${target.path}`,
    method: target.method ?? 'GET',
    connections: 10,
    duration: seconds,
    headers: {
      ...(target.auth ? { authorization: `Bearer ${token}` } : {}),
      ...(target.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(target.body ? { body: target.body } : {}),
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

const h = await createHarness({
  // Hundreds of writes a second from one user is the point of a benchmark, not abuse.
  writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000_000 },
});
const owner = await loginBearer(h, 'owner@demo.test');
const auth = { authorization: `Bearer ${owner}` };

// Ten real captures (the check re-hashes their stored bytes) and the seeded verified right.
const captures: string[] = [];
for (let i = 0; i < LISTINGS; i++) {
  const url = `https://item.taobao.com/item.htm?id=${610000000000 + i}`;
  const res = await upload(h, auth, randomUUID(), { meta: sampleMeta({ url }), file: { bytes: await pngBytes(1280, 800, `#${(i * 1_234_567).toString(16).padStart(6, '0').slice(0, 6)}`) } });
  captures.push(((await res.json()) as CaptureReceipt).id);
}
const context = (await (await h.app.request('/api/complaints/context', { headers: auth })).json()) as ComplaintContext;
const right = context.rights.find((item) => item.status === 'verified')!;
const draft: ComplaintInput = {
  principalId: null,
  rightId: right.id,
  reason: 'counterfeit',
  explanation: 'These listings sell bags bearing our registered mark; we never made or licensed them.',
  goodFaith: true,
  accuracy: true,
  listings: captures.map((id, i) => ({
    url: `https://item.taobao.com/item.htm?id=${610000000000 + i}&spm=a1z10.1`,
    captureIds: [id],
    location: { kind: 'region', x: 0.1, y: 0.1, width: 0.3, height: 0.3 },
  })),
};
// One filed complaint, so the lookup finds something.
await h.app.request('/api/complaints', { method: 'POST', headers: { ...auth, 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: randomUUID() }, body: JSON.stringify({ ...draft, submit: true }) });

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
    `${target.name}: ${Math.round(result.rps)} req/s, ${ratio.toFixed(3)} of bare (p99 ${result.p99} ms${result.non2xx ? `, ${result.non2xx} non-2xx!` : ''})`,
  );
}

bare.server.close();
api.server.close();
await h.close();
