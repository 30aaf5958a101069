/**
 * The crash test is only as good as its checker: real clients write through
 * a real server, the checker passes the untouched data, and then finds each
 * kind of damage planted in it (a lost write, a duplicate row, a bad blob).
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath, createHarness, loginBearer, type Harness } from '../testing/harness';
import { demoFiler } from '../testing/filing';
import { inspectDatabase } from '../store/inspect';
import { databaseFile } from '../store';
import { CrashClient } from './client';
import { Conductor } from './conductor';
import { Ledger, ledgerFigures } from './ledger';
import { MARKERS } from './run';
import { verifyDataDir } from './verify';

let h: Harness;
let server: ReturnType<typeof serve>;
const ledger = new Ledger();

beforeAll(async () => {
  h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 1_000_000 } });
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const monitorToken = await loginBearer(h, 'monitor@demo.test');
  const monitorId = h.db.rows<{ id: string }>("select id from users where email = 'monitor@demo.test'")[0]!.id;
  const owner = await demoFiler(h);
  const conductor = new Conductor();
  const clients = [
    new CrashClient(baseUrl, { name: 'monitor', token: monitorToken, userId: monitorId }, ledger, conductor, 0),
    new CrashClient(baseUrl, { name: 'owner', token: owner.token, userId: owner.principal.user.id, rightId: owner.rightId }, ledger, conductor, 0.5),
  ];
  conductor.markUp();
  const running = clients.map((client) => client.run());
  while (ledger.writes.filter((write) => write.kind === 'complaint' && write.ack).length < 2) await new Promise((r) => setTimeout(r, 50));
  conductor.draining = true;
  await Promise.all(running);
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

describe('crash test checker', () => {
  it('passes writes that were each stored once, with their key', async () => {
    const figures = ledgerFigures(ledger.writes);
    expect(figures.acknowledged).toBe(ledger.writes.length);
    expect(figures.refused).toBe(0);
    const result = await verifyDataDir(h.dataDir, ledger.writes, MARKERS);
    expect(result.problems).toEqual([]);
    expect(result.presentOnce).toBe(ledger.writes.length);
    expect(result.integrity).toEqual(['ok']);
    expect(result.audit.ok).toBe(true);
    expect(result.blobs.missing).toEqual([]);
    expect(result.blobs.damaged).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('counts an acknowledged write with no row as lost', async () => {
    const ghost = { ...ledger.writes[0]!, key: '00000000-0000-4000-8000-000000000000', marker: `${MARKERS.capture}0000000000`, ack: { status: 201, id: 'never-stored', attempt: 1 } };
    const result = await verifyDataDir(h.dataDir, [...ledger.writes, ghost], MARKERS);
    expect(result.lost).toBe(1);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['lost']);
    expect(result.ok).toBe(false);
  });

  it('counts a write stored twice as a duplicate, and a damaged blob as damaged', async () => {
    const capture = ledger.writes.find((write) => write.kind === 'capture')!;
    const writable = inspectDatabase(databaseFile(h.dataDir), { writable: true });
    let screenshot: string;
    try {
      const columns = writable.rows<{ name: string }>('select name from pragma_table_info(?)', 'captures').map((row) => row.name);
      const copied = columns.map((name) => (name === 'id' ? "'duplicate-' || id" : name)).join(', ');
      writable.run(`insert into captures (${columns.join(', ')}) select ${copied} from captures where id = ?`, capture.ack!.id);
      screenshot = writable.rows<{ sha: string }>('select screenshot_sha256 as sha from captures where id = ?', capture.ack!.id)[0]!.sha;
    } finally {
      writable.close();
    }
    writeFileSync(blobPath(h.dataDir, screenshot), 'not the evidence');

    const result = await verifyDataDir(h.dataDir, ledger.writes, MARKERS);
    expect(result.duplicates).toBe(1);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'duplicate', write: expect.objectContaining({ key: capture.key }) })]);
    expect(result.blobs.damaged).toEqual([expect.stringContaining(screenshot)]);
    expect(result.ok).toBe(false);
  });
});
