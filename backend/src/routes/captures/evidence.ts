/** Public, unauthenticated: whoever holds a receipt or a bundle must be able to fetch the key that checks it. */
import { createRoute } from '@hono/zod-openapi';
import { EvidencePublicKeySchema, type EvidencePublicKey } from '@openipp/shared';
import type { AppDeps } from '../../lib/deps';
import { createRouter } from '../../lib/router';

const publicKeyRoute = createRoute({
  method: 'get',
  path: '/public-key',
  tags: ['captures'],
  summary: "The server's Ed25519 public key, which verifies capture receipt signatures",
  responses: {
    200: { description: 'The public key', content: { 'application/json': { schema: EvidencePublicKeySchema } } },
  },
});

export function evidenceRoutes(deps: AppDeps) {
  return createRouter().openapi(publicKeyRoute, (c) => {
    const { pem, raw, keyId } = deps.signingKey.publicKey;
    const body: EvidencePublicKey = { algorithm: 'Ed25519', keyId, publicKeyPem: pem, publicKeyRaw: raw };
    // The key changes only when an operator replaces it; a short cache spares repeated fetches without hiding a change for long.
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(body, 200);
  });
}
