import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pickLocale } from '@openipp/shared';
import { Hono } from 'hono';
import { AppError } from '../../lib/app-error';
import type { AppEnv } from '../../lib/context';
import { escapeHtml, serverText } from '../../lib/i18n';

/** Swagger UI ships in node_modules, so the docs work with no network at all. */
const SWAGGER_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/** External (not inline) so the page works under a `script-src 'self'` CSP. */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

export function docsRoutes() {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      const locale = pickLocale(c.req.header('accept-language')?.split(',').map((tag) => tag.split(';')[0]!.trim()));
      const title = escapeHtml(serverText(locale, 'docs.title'));
      return c.html(`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`);
    })
    .get('/init.js', (c) => c.body(INIT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/assets/:file', async (c) => {
      const file = c.req.param('file');
      const type = ASSETS[file];
      if (!type) throw new AppError('not_found');
      const bytes = await readFile(path.join(SWAGGER_DIR, file));
      return c.body(new Uint8Array(bytes), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
    });
}
