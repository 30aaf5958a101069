import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fixturesDir } from './paths';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.css': 'text/css' };

/** Serves our own imitation listing pages from e2e/fixtures on loopback. */
export class FixtureServer {
  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(): Promise<FixtureServer> {
    const server = createServer(async (req, res) => {
      const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
      try {
        const body = await readFile(join(fixturesDir, path === '/' ? 'listing.html' : path));
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html; charset=utf-8' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('fixture server has no port');
    return new FixtureServer(server, address.port);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
