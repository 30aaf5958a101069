/**
 * The real backend entrypoint (src/index.ts) as a child process on one data
 * directory, started again and again and ended with SIGKILL: no shutdown
 * handler runs, so whatever the process had in memory or half-written is
 * lost exactly as in a crash.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { BACKEND_ROOT } from '../paths';

/** How many characters of the child's output are kept for a diagnosis. */
const OUTPUT_TAIL = 8000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface BackendOptions {
  dataDir: string;
  port: number;
  /** Added to the child's environment (e.g. lifting the write rate limit, which would otherwise answer 429). */
  env?: Record<string, string>;
}

export class CrashableBackend {
  private child: ChildProcess | undefined;
  private exitPromise: Promise<void> = Promise.resolve();
  private output = '';

  constructor(private readonly options: BackendOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** Output of the current (or last) process, for a failure message. */
  get logs(): string {
    return this.output;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PORT: String(this.options.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.options.dataDir,
      PUBLIC_URL: this.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...this.options.env,
    };
  }

  /** Migrates and seeds the demo through the same command a user runs. */
  seed(): void {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], { cwd: BACKEND_ROOT, env: this.env(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`seeding failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }

  /** Spawns the server; does not wait for it (see waitHealthy). */
  spawn(): void {
    if (this.child) throw new Error('backend already running');
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: BACKEND_ROOT, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exitPromise = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  /** Resolves when the current process exits, however it ends. */
  get exited(): Promise<void> {
    return this.exitPromise;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once GET /api/health answers 200; throws if the process dies first or the deadline passes. */
  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`backend exited while starting:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    throw new Error(`backend not healthy after ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL, then waits until the process is gone so the port and the database are free. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (this.running) child.kill('SIGKILL');
    await this.exitPromise;
    this.child = undefined;
  }
}
