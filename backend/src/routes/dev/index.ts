import { createRoute } from '@hono/zod-openapi';
import { DevMailboxSchema } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { createRouter } from '../../lib/router';

const MAILBOX_LIMIT = 200;

const mailboxRoute = createRoute({
  method: 'get',
  path: '/mailbox',
  tags: ['demo'],
  summary: 'Demo only (DEMO_MAILBOX=true): mail caught by the local SMTP capture server, newest first',
  responses: {
    200: { description: 'Captured mail', content: { 'application/json': { schema: DevMailboxSchema } } },
  },
});

/**
 * Mounted only when DEMO_MAILBOX is on (never in production): public, so the
 * demo can show a registrant's verification mail before anyone can sign in.
 */
export function devRoutes(deps: AppDeps) {
  return createRouter().openapi(mailboxRoute, async (c) => {
    const rows = await deps.store.listDevMail(MAILBOX_LIMIT);
    c.header('Cache-Control', 'no-store');
    return c.json(
      { items: rows.map((row) => ({ id: row.id, to: row.to, subject: row.subject, text: row.text, receivedAt: new Date(row.receivedAt).toISOString() })) },
      200,
    );
  });
}
