/**
 * The crash-and-retry loop (issue #8 part 3): the real backend on a fresh,
 * seeded data directory; several clients syncing captures and complaints
 * with idempotency keys; SIGKILL at random moments, a restart each time;
 * then every client's ledger is checked against the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../services/seed';
import { checkDatabaseIntegrity, databaseFile } from '../store';
import { CrashableBackend, freePort } from './backend-process';
import { CrashClient, type ClientIdentity } from './client';
import { Conductor } from './conductor';
import { Ledger, ledgerFigures, type LedgerFigures } from './ledger';
import { verifyDataDir, type Verification } from './verify';

export interface CrashTestOptions {
  /** SIGKILLs to deliver (the run stops earlier if the time bound comes first). */
  kills: number;
  /** Bound on the whole run, verification included. */
  timeLimitMs: number;
  clients: number;
  /** The backend is killed a random time between these after it became healthy. */
  minUpMs: number;
  maxUpMs: number;
  /** Share of kills aimed at a start instead (migrations, sweeps), before the server is healthy. */
  startupKillShare: number;
  /** Integrity check of the file between two starts, every this many kills. */
  checkEvery: number;
  /** Keep the data directory even when everything passed. */
  keep: boolean;
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: Omit<CrashTestOptions, 'log'> = {
  kills: 200,
  timeLimitMs: 10 * 60_000,
  clients: 6,
  minUpMs: 50,
  maxUpMs: 700,
  startupKillShare: 0.1,
  checkEvery: 20,
  keep: false,
};

/** Time kept back for the last start, the clients' final retries and the verification. */
const RESERVE_MS = 30_000;
const DRAIN_TIMEOUT_MS = 60_000;

export const MARKERS = { capture: 'https://item.taobao.com/item.htm?id=97', complaint: 'Crash test ' };

export interface CrashTestReport {
  dataDir: string;
  /** The backend failed to start again (its output), ending the run early. */
  fatal: string | undefined;
  kills: number;
  startupKills: number;
  /** Kills short of the target because the time bound came first. */
  shortfall: number;
  /** The backend exiting without being killed (any is a failure). */
  unexpectedExits: string[];
  midRunIntegrityChecks: number;
  midRunIntegrityFailures: string[];
  startupMs: number[];
  durationMs: number;
  figures: LedgerFigures & { captures: number; complaints: number };
  verification: Verification;
  drained: boolean;
  ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

async function jsonCall<T>(url: string, init: RequestInit & { token?: string }, expect: number[] = [200, 201]): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  if (!expect.includes(response.status)) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A bearer session, past the agreement gate, as the extension holds one. Sessions live in the database, so they outlive every kill. */
async function signIn(baseUrl: string, email: string, name: string): Promise<ClientIdentity> {
  const login = await jsonCall<{ token: string; user: { id: string } }>(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email, password: DEMO_PASSWORD, client: 'extension' }),
  });
  const { token } = login;
  const current = await jsonCall<{ agreement: { version: number }; acceptedAt: string | null }>(`${baseUrl}/api/agreements/current`, { token });
  if (current.acceptedAt === null) {
    await jsonCall(`${baseUrl}/api/agreements/${current.agreement.version}/accept`, { method: 'POST', token, body: JSON.stringify({ language: 'en' }) });
  }
  return { name, token, userId: login.user.id };
}

async function trademarkOf(baseUrl: string, token: string): Promise<string> {
  const rights = await jsonCall<{ items: Array<{ id: string; registrationNumber: string }> }>(`${baseUrl}/api/rights`, { token });
  const trademark = rights.items.find((right) => right.registrationNumber === 'TM-DEMO-0001');
  if (!trademark) throw new Error('the demo trademark TM-DEMO-0001 is missing');
  return trademark.id;
}

export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestReport> {
  const started = Date.now();
  const deadline = started + options.timeLimitMs;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'openipp-crash-'));
  const backend = new CrashableBackend({
    dataDir,
    port: await freePort(),
    // The per-user write limit would answer 429 to a client writing flat out.
    env: { WRITE_MAX_PER_WINDOW: '1000000000' },
  });
  const log = options.log;
  const startupMs: number[] = [];
  const unexpectedExits: string[] = [];
  const midRunIntegrityFailures: string[] = [];
  let midRunIntegrityChecks = 0;
  let kills = 0;
  let startupKills = 0;

  const start = async () => {
    const t0 = Date.now();
    backend.spawn();
    await backend.waitHealthy();
    startupMs.push(Date.now() - t0);
  };

  backend.seed();
  await start();
  const conductor = new Conductor();
  const ledger = new Ledger();
  // Monitors capture; owners capture and file complaints naming their own acknowledged captures.
  const clients: CrashClient[] = [];
  let rightId: string | undefined;
  for (let i = 0; i < options.clients; i++) {
    const owner = i % 2 === 1;
    const identity = await signIn(backend.url, owner ? 'owner@demo.test' : 'monitor@demo.test', `${owner ? 'owner' : 'monitor'}-${i + 1}`);
    if (owner) identity.rightId = rightId ??= await trademarkOf(backend.url, identity.token);
    clients.push(new CrashClient(backend.url, identity, ledger, conductor, owner ? 0.4 : 0));
  }
  conductor.markUp();
  const running = clients.map((client) => client.run());
  log(`backend up in ${startupMs[0]} ms on ${backend.url}, DATA_DIR ${dataDir}; ${clients.length} clients writing`);

  const progressEvery = Math.max(1, Math.round(options.kills / 10));
  // A start that fails after a kill is the worst finding of all (a database the server can no longer open): keep it and stop.
  let fatal: string | undefined;
  try {
    while (kills < options.kills && Date.now() + RESERVE_MS < deadline) {
      // Up: let the clients write for a random while, unless the server dies by itself first.
      const died = await Promise.race([sleep(between(options.minUpMs, options.maxUpMs)).then(() => false), backend.exited.then(() => true)]);
      conductor.markDown();
      if (died) unexpectedExits.push(backend.logs);
      else kills += 1;
      await backend.kill();

      if (kills % options.checkEvery === 0 && !died) {
        midRunIntegrityChecks += 1;
        const integrity = checkDatabaseIntegrity(databaseFile(dataDir));
        if (integrity.join() !== 'ok') midRunIntegrityFailures.push(`after kill ${kills}: ${integrity.join('; ')}`);
      }
      if (kills % progressEvery === 0 && !died) {
        const sent = ledger.writes.length;
        log(`  ${kills} kills, ${sent} writes sent, ${Math.round((Date.now() - started) / 1000)} s`);
      }

      // Sometimes a kill lands on a start (migration check, start-up sweeps) rather than on requests.
      if (kills < options.kills && Math.random() < options.startupKillShare) {
        const typical = startupMs.at(-1) ?? 1000;
        backend.spawn();
        await sleep(between(0, typical));
        await backend.kill();
        kills += 1;
        startupKills += 1;
      }
      await start();
      conductor.markUp();
    }
  } catch (error) {
    fatal = error instanceof Error ? error.message : String(error);
  }

  // Last start: no new writes; every client retries what is still unanswered, then the last stop, a kill too.
  conductor.draining = true;
  const drained =
    fatal === undefined && (await Promise.race([Promise.all(running).then(() => true), sleep(DRAIN_TIMEOUT_MS).then(() => false)]));
  conductor.markDown();
  await backend.kill();

  const verification = await verifyDataDir(dataDir, ledger.writes, MARKERS);
  const figures = {
    ...ledgerFigures(ledger.writes),
    captures: ledger.writes.filter((write) => write.kind === 'capture').length,
    complaints: ledger.writes.filter((write) => write.kind === 'complaint').length,
  };
  const ok = fatal === undefined && verification.ok && drained && unexpectedExits.length === 0 && midRunIntegrityFailures.length === 0;
  if (ok && !options.keep) rmSync(dataDir, { recursive: true, force: true });
  return {
    dataDir,
    fatal,
    kills,
    startupKills,
    shortfall: Math.max(0, options.kills - kills),
    unexpectedExits,
    midRunIntegrityChecks,
    midRunIntegrityFailures,
    startupMs,
    durationMs: Date.now() - started,
    figures,
    verification,
    drained,
    ok,
  };
}
