import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { AppError } from '../../lib/app-error';
import type { AppEnv } from '../../lib/context';
import { escapeHtml, serverText } from '../../lib/i18n';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

function notBuiltPage(): string {
  const section = (locale: 'zh-CN' | 'en') => `<section lang="${locale}">
<h1>${escapeHtml(serverText(locale, 'consoleNotBuilt.title'))}</h1>
<p>${escapeHtml(serverText(locale, 'consoleNotBuilt.body'))}</p>
<pre><code>pnpm --filter @openipp/backend build:console</code></pre>
<p>${escapeHtml(serverText(locale, 'consoleNotBuilt.apiHint'))} <a href="/api/docs">/api/docs</a></p>
</section>`;
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>OpenIPP</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}pre{background:#f4f4f4;padding:.75rem;overflow:auto}section+section{border-top:1px solid #ddd;margin-top:2rem}</style>
</head>
<body>
${section('zh-CN')}
${section('en')}
</body>
</html>
`;
}

/**
 * The console SPA: real files from the build, index.html for client-side
 * routes. Paths are resolved inside `root` only; `..` can never escape it.
 */
export function consoleRoutes(root: string) {
  const resolvedRoot = path.resolve(root);
  return new Hono<AppEnv>().get('*', async (c) => {
    const index = path.join(resolvedRoot, 'index.html');
    if (!(await isFile(index))) return c.html(notBuiltPage(), 200, { 'Cache-Control': 'no-store' });

    let requested: string;
    try {
      requested = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      throw new AppError('not_found');
    }
    const candidate = path.resolve(resolvedRoot, `.${path.posix.normalize(`/${requested}`)}`);
    const inside = candidate === resolvedRoot || candidate.startsWith(resolvedRoot + path.sep);
    if (inside && candidate !== resolvedRoot && (await isFile(candidate))) {
      const type = TYPES[path.extname(candidate).toLowerCase()] ?? 'application/octet-stream';
      // Vite fingerprints everything under assets/, so those can be cached for good.
      const immutable = candidate.startsWith(path.join(resolvedRoot, 'assets') + path.sep);
      return c.body(new Uint8Array(await readFile(candidate)), 200, {
        'Content-Type': type,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    // A missing file with an extension is a broken link, not a client-side route.
    if (path.extname(requested)) throw new AppError('not_found');
    return c.body(new Uint8Array(await readFile(index)), 200, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-cache' });
  });
}
