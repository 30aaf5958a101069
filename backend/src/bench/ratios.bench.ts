/**
 * Performance ratios (issue #8): what our code costs on its hot paths, as the
 * requests per second of the real route divided by those of a bare Hono route
 * served by the same process and measured in the same run, right before or
 * after it. A script, not a test: it prints figures; it exits non-zero only
 * when a request failed (then no figure means anything).
 *
 *   npm run bench -- [seconds per measurement, default 7] [runs, default 3]
 *
 * - Evidence upload: POST /api/captures with a distinct ~500 KB PNG of noise
 *   and a fresh Idempotency-Key per request (sniffing, decoding, re-encoding
 *   the renditions, hashing, four fsynced blobs and the rows in one
 *   transaction, the audit entry, the signed receipt), against a bare POST
 *   that reads the same multipart body and discards it. Goal ≥ 0.60.
 * - Tenant-scoped JSON reads with a bearer session, against a bare GET that
 *   answers "ok", goal ≥ 0.75: a page, GET /api/captures?limit=20 (a list
 *   route, so it also spends the list budget, a counted write), and one
 *   record, GET /api/complaints/{id} (a filed complaint over three listings).
 *
 * Runs on a throw-away data directory with the demo seed, over real HTTP, 10
 * connections each. The measurements alternate bare and real, and which goes
 * first swaps every run, so drift (page cache, a warming JIT, the database
 * growing) falls on both sides.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { IDEMPOTENCY_HEADER, type CaptureReceipt } from '@openipp/shared';
import { loginBearer, pngBytes, sampleMeta, upload } from '../testing/harness';
import { noisePng, variants } from './noise-png';
import {
  benchHarness,
  complaintDraft,
  fileComplaint,
  LIFTED_LIMITS_NOTE,
  listen,
  measure,
  median,
  table,
  type Measurement,
  type MeasureOptions,
} from './plumbing';

const seconds = Number(process.argv[2] ?? 7);
const runs = Number(process.argv[3] ?? 3);
const WARMUP_SECONDS = 2;
const PAGE = 20;
if (!(seconds > 0) || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: ratios.bench.ts [seconds per measurement > 0] [runs ≥ 1]');
  process.exit(2);
}

const h = await benchHarness();
const owner = await loginBearer(h, 'owner@demo.test');
const auth = { authorization: `Bearer ${owner}` };

// A full first page for the list read, so it serialises PAGE captures however the run starts.
const seeded: Array<{ url: string; captureId: string }> = [];
for (let i = 0; i < PAGE; i++) {
  const url = `https://item.taobao.com/item.htm?id=${620000000000 + i}`;
  const res = await upload(h, auth, randomUUID(), {
    meta: sampleMeta({ url }),
    file: { bytes: await pngBytes(640, 400, `#${(0x10a0f0 + i * 0x030507).toString(16).slice(-6)}`) },
  });
  if (res.status !== 201) throw new Error(`seeding capture ${i}: ${res.status} ${await res.text()}`);
  seeded.push({ url, captureId: ((await res.json()) as CaptureReceipt).id });
}
const complaint = await fileComplaint(h, auth, await complaintDraft(h, auth, seeded.slice(0, 3)));

// The upload: one multipart body per request, around a distinct PNG each time.
const fixture = await noisePng(500 * 1024);
const nextPng = variants(fixture.png);
const boundary = `----openipp-bench-${randomUUID()}`;
const head = Buffer.from(
  `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(sampleMeta())}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="screenshot"; filename="capture.png"\r\nContent-Type: image/png\r\n\r\n`,
);
const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
const uploadRequest: Pick<MeasureOptions, 'method' | 'headers' | 'setupRequest'> = {
  method: 'POST',
  headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
  // Both sides get the same work on the sending side: a fresh body and key per request.
  setupRequest: (request) => ({
    ...request,
    headers: { ...request.headers, [IDEMPOTENCY_HEADER.toLowerCase()]: randomUUID() },
    body: Buffer.concat([head, nextPng(), tail]),
  }),
};

const bare = await listen(
  new Hono()
    .get('/', (c) => c.text('ok'))
    .post('/upload', async (c) => {
      await c.req.arrayBuffer();
      return c.text('ok');
    }).fetch,
);
const api = await listen(h.app.fetch);

interface Pair {
  name: string;
  goal: number;
  bare: Omit<MeasureOptions, 'seconds'>;
  real: Omit<MeasureOptions, 'seconds'>;
}

const pairs: Pair[] = [
  {
    name: `upload ${Math.round(fixture.png.byteLength / 1024)} KB PNG`,
    goal: 0.6,
    bare: { url: `${bare.url}/upload`, ...uploadRequest },
    real: { url: `${api.url}/api/captures`, ...uploadRequest },
  },
  {
    name: `GET /api/captures?limit=${PAGE}`,
    goal: 0.75,
    bare: { url: `${bare.url}/` },
    real: { url: `${api.url}/api/captures?limit=${PAGE}`, headers: auth },
  },
  {
    name: 'GET /api/complaints/{id}',
    goal: 0.75,
    bare: { url: `${bare.url}/` },
    real: { url: `${api.url}/api/complaints/${complaint.id}`, headers: auth },
  },
];

console.log(
  `${runs} run(s) of ${seconds} s per measurement, 10 connections, ${WARMUP_SECONDS} s warm-up each; ${LIFTED_LIMITS_NOTE}.`,
);
console.log(`upload body: meta + a ${fixture.width}×${fixture.height} PNG of noise (${fixture.png.byteLength.toLocaleString('en')} bytes), distinct per request.`);

let failed = false;
const check = (label: string, m: Measurement) => {
  if (m.failures > 0) {
    failed = true;
    console.log(`  ${label}: ${m.failures} failed requests!`);
  }
};

for (const pair of pairs) {
  check(`${pair.name} warm-up (bare)`, await measure({ ...pair.bare, seconds: WARMUP_SECONDS }));
  check(`${pair.name} warm-up (real)`, await measure({ ...pair.real, seconds: WARMUP_SECONDS }));
}

const results = new Map<Pair, Array<{ bare: Measurement; real: Measurement }>>(pairs.map((pair) => [pair, []]));
for (let run = 1; run <= runs; run++) {
  for (const pair of pairs) {
    const realFirst = run % 2 === 0;
    const first = await measure({ ...(realFirst ? pair.real : pair.bare), seconds });
    const second = await measure({ ...(realFirst ? pair.bare : pair.real), seconds });
    const [b, r] = realFirst ? [second, first] : [first, second];
    check(`${pair.name}, run ${run} (bare)`, b);
    check(`${pair.name}, run ${run} (real)`, r);
    results.get(pair)!.push({ bare: b, real: r });
    console.log(
      `run ${run}  ${pair.name.padEnd(28)} real ${r.rps.toFixed(1).padStart(8)} req/s (p99 ${r.p99} ms)   bare ${b.rps.toFixed(1).padStart(8)} req/s (p99 ${b.p99} ms)   ratio ${(r.rps / b.rps).toFixed(3)}`,
    );
  }
}

console.log('');
console.log(
  table(
    ['route (ratio = real ÷ bare, same run)', 'median ratio', 'runs', 'goal', 'real req/s', 'bare req/s', 'real p99 ms'],
    pairs.map((pair) => {
      const rows = results.get(pair)!;
      const ratios = rows.map(({ bare: b, real: r }) => r.rps / b.rps);
      const ratio = median(ratios);
      return [
        pair.name,
        ratio.toFixed(3),
        ratios.map((value) => value.toFixed(2)).join(' / '),
        `≥ ${pair.goal.toFixed(2)} ${ratio >= pair.goal ? 'met' : 'MISSED'}`,
        median(rows.map(({ real: r }) => r.rps)).toFixed(1),
        median(rows.map(({ bare: b }) => b.rps)).toFixed(1),
        String(median(rows.map(({ real: r }) => r.p99))),
      ];
    }),
  ),
);
console.log('(req/s and p99 columns: medians over the runs)');

await api.close();
await bare.close();
await h.close();
if (failed) {
  console.error('Some requests failed: the figures above do not measure the routes.');
  process.exit(1);
}
