/**
 * What every HTTP benchmark here shares: serving an app over real HTTP on a
 * free port, a harness whose abuse limits are lifted (a benchmark's load is
 * the point, not abuse), a complaint to read, one autocannon measurement,
 * medians and a table.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { IDEMPOTENCY_HEADER, type Complaint, type ComplaintContext, type ComplaintInput } from '@openipp/shared';
import type { AppConfig } from '../env';
import { createHarness, jsonPost, type Harness } from '../testing/harness';

export interface Served {
  server: ServerType;
  url: string;
  close(): Promise<void>;
}

export function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        server,
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

const LIFTED = 100_000_000;

/**
 * Hundreds of writes and thousands of page reads a second from one user on
 * one address is what a benchmark does; the write and list budgets would
 * answer most of them 429 and the figures would measure the refusal. Every
 * benchmark lifts them the same way, and says so. The budgets are still
 * counted on every request, so their cost stays in the figures.
 */
export const LIFTED_LIMITS = {
  writeRateLimit: { windowSeconds: 60, maxPerWindow: LIFTED, maxPerIp: LIFTED },
  listRateLimit: { windowSeconds: 60, maxPerUser: LIFTED, maxPerIp: LIFTED },
} satisfies Partial<AppConfig>;

export const LIFTED_LIMITS_NOTE = `write and list rate limits (per user and per address) lifted to ${LIFTED.toLocaleString('en')} per 60 s for the benchmark, still counted`;

export function benchHarness(overrides: Partial<Omit<AppConfig, 'dataDir'>> = {}): Promise<Harness> {
  return createHarness({ ...LIFTED_LIMITS, ...overrides });
}

/**
 * A counterfeit complaint over the given captures (one listing each, at the
 * given URLs) against the tenant's seeded verified right, ready to check or file.
 */
export async function complaintDraft(h: Harness, auth: Record<string, string>, listings: ReadonlyArray<{ url: string; captureId: string }>): Promise<ComplaintInput> {
  const context = (await (await h.app.request('/api/complaints/context', { headers: auth })).json()) as ComplaintContext;
  const right = context.rights.find((item) => item.status === 'verified');
  if (!right) throw new Error('the seeded tenant has no verified right');
  return {
    principalId: null,
    rightId: right.id,
    reason: 'counterfeit',
    explanation: 'These listings sell bags bearing our registered mark; we never made or licensed them.',
    goodFaith: true,
    accuracy: true,
    listings: listings.map(({ url, captureId }) => ({ url, captureIds: [captureId], location: { kind: 'region', x: 0.1, y: 0.1, width: 0.3, height: 0.3 } })),
  };
}

/** Files the draft through the real route and returns the complaint. */
export async function fileComplaint(h: Harness, auth: Record<string, string>, draft: ComplaintInput): Promise<Complaint> {
  const res = await h.app.request('/api/complaints', jsonPost({ ...draft, submit: true }, { ...auth, [IDEMPOTENCY_HEADER]: randomUUID() }));
  if (res.status !== 201) throw new Error(`filing a complaint: ${res.status} ${await res.text()}`);
  return (await res.json()) as Complaint;
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  /** Answers outside 2xx plus connection errors and timeouts: any of these makes the figure meaningless. */
  failures: number;
}

export interface MeasureOptions {
  url: string;
  seconds: number;
  connections?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A fixed offered load (requests per second over all connections), to compare latency at equal pressure. */
  rate?: number;
  /** Called for every request: a fresh body and headers each time (idempotency keys, distinct uploads). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
}

export async function measure(options: MeasureOptions): Promise<Measurement> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections: options.connections ?? 10,
    duration: options.seconds,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    ...(options.rate !== undefined ? { overallRate: options.rate } : {}),
    ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest }] } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A plain-text table: the first column left-aligned, the rest right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
