import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backendDir } from './paths';
import { freePort } from './ports';

/**
 * The real backend as a separate process on a temporary DATA_DIR, so the e2e
 * tests exercise the same entrypoint a user starts. It can be stopped and
 * started again on the same port and data to test offline sync.
 */
export class BackendProcess {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'openipp-e2e-'));
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(readonly port: number, private readonly extraEnv: NodeJS.ProcessEnv) {}

  /**
   * `smtpUrl` points the backend's mail sender at a test SMTP server;
   * `smsUrl` sends SMS through the HTTP provider to a test receiver;
   * `testClock` lets the test move the server's clock (POST /api/dev/clock).
   */
  static async create(options: { smtpUrl?: string; smsUrl?: string; testClock?: boolean } = {}): Promise<BackendProcess> {
    const env: NodeJS.ProcessEnv = {};
    if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
    if (options.smsUrl) Object.assign(env, { SMS_PROVIDER: 'http', SMS_HTTP_URL: options.smsUrl, SMS_HTTP_TOKEN: 'e2e-sms-token' });
    if (options.testClock) env.TEST_CLOCK = 'true';
    const backend = new BackendProcess(await freePort(), env);
    backend.seed();
    await backend.start();
    return backend;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      PUBLIC_URL: this.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...this.extraEnv,
    };
  }

  private seed(): void {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], { cwd: backendDir, env: this.env(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`seed failed: ${result.stdout}\n${result.stderr}`);
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: backendDir, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`backend exited early (${child.exitCode}):\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/api/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`backend did not become healthy:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** A bearer token for API assertions, as the extension would get one. */
  async token(email: string, password = 'demo-password-1'): Promise<string> {
    const response = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }

  async api<T>(path: string, token: string): Promise<T> {
    const response = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Any bearer-authenticated call; answers the status and the parsed body, never throws on 4xx. */
  async call<T = unknown>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.url}${path}`, init);
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  /**
   * Moves the server's clock forward (needs `testClock`); the backend runs its
   * sweeps at the new time before answering. Returns the server's new now.
   */
  async advanceClock(ms: number): Promise<number> {
    const response = await fetch(`${this.url}/api/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: ms }),
    });
    if (!response.ok) throw new Error(`moving the clock: ${response.status} ${await response.text()}`);
    return Date.parse(((await response.json()) as { now: string }).now);
  }

  /** Path of the SQLite file the backend keeps in DATA_DIR. */
  databaseFile(): string {
    const file = readdirSync(this.dataDir).find((name) => /\.(sqlite|sqlite3|db)$/.test(name));
    if (!file) throw new Error(`no database file in ${this.dataDir}`);
    return join(this.dataDir, file);
  }

  /** Rows counted straight from the database file, not through the API. */
  countRows(table: string): number {
    const db = new Database(this.databaseFile(), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  /** Rows read straight from the database file, for facts the API does not expose. */
  rows<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(this.databaseFile(), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  /** Finds a stored evidence file by its content address and hashes its bytes. */
  hashStoredBlob(sha256: string): { sha256: string; bytes: Buffer } {
    const walk = (dir: string): string | undefined => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          const found = walk(path);
          if (found) return found;
        } else if (name === sha256 || name.startsWith(`${sha256}.`)) {
          return path;
        }
      }
      return undefined;
    };
    const file = walk(this.dataDir);
    if (!file) throw new Error(`blob ${sha256} not found under ${this.dataDir}`);
    const bytes = readFileSync(file);
    return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
  }

  get logs(): string {
    return this.output;
  }

  /** Like create, with more environment: e.g. a benchmark lifting the write rate limit. */
  static async createWithEnv(env: NodeJS.ProcessEnv): Promise<BackendProcess> {
    const backend = new BackendProcess(await freePort(), env);
    backend.seed();
    await backend.start();
    return backend;
  }
}

/**
 * An HTTP hop between the extension and the backend, standing for a slow or
 * broken network. It forwards every request at once, so the backend commits
 * uploads as usual, but can hold back the answer to POST /api/captures: the
 * server then holds a capture its client has not heard about. While the
 * backend is down the client's connection is cut, as an unreachable server's
 * would be.
 */
export class SlowProxy {
  /** Milliseconds each answer to POST /api/captures is held back. */
  captureResponseDelayMs = 0;
  /** Status of every answer to POST /api/captures the backend gave, in order. */
  readonly captureStatuses: number[] = [];
  private held = 0;

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(backendPort: number): Promise<SlowProxy> {
    let proxy: SlowProxy | undefined;
    const server = createServer((req, res) => {
      const isCaptureUpload = req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/captures';
      const upstream = httpRequest(
        { host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const reply = () => {
              if (res.destroyed) return;
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(chunks));
            };
            if (!isCaptureUpload || !proxy) return reply();
            proxy.captureStatuses.push(answer.statusCode ?? 0);
            if (proxy.captureResponseDelayMs <= 0) return reply();
            proxy.held += 1;
            setTimeout(() => {
              proxy!.held -= 1;
              reply();
            }, proxy.captureResponseDelayMs);
          });
        },
      );
      // Backend down: the client sees a dropped connection, not an answer.
      upstream.on('error', () => req.socket.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('proxy has no port');
    proxy = new SlowProxy(server, address.port);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Uploads the backend has answered whose answer the client has not been given yet. */
  get heldAnswers(): number {
    return this.held;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
