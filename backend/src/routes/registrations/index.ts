import { createRoute } from '@hono/zod-openapi';
import { DOCUMENT_MAX_BYTES, REGISTRATION_MAX_PROOFS, RegistrationResponseSchema } from '@openipp/shared';
import { bodyLimit } from 'hono/body-limit';
import { clientIp } from '../../lib/client-info';
import type { AppDeps } from '../../lib/deps';
import { DOCUMENT_UPLOAD_PROBLEMS, createRouter, documentUploadBody, documentUploadMaxBytes, problemResponses } from '../../lib/router';
import { readMultipart } from '../../services/documents';
import { consumeIpBudget, parseRegistration, register } from '../../services/registration';

/** Every proof at its cap plus the data field. */
export const REGISTRATION_BODY_MAX_BYTES = documentUploadMaxBytes(REGISTRATION_MAX_PROOFS);

const registerRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['registration'],
  summary: 'Register a rights holder, agency or seller: identity, owner account, proof documents; e-mails a verification link',
  request: {
    body: documentUploadBody({ dataSchema: 'RegistrationData', fileField: 'proof', minFiles: 1, maxFiles: REGISTRATION_MAX_PROOFS, maxBytes: DOCUMENT_MAX_BYTES }),
  },
  responses: {
    201: { description: 'Registered; the e-mail must be verified before signing in', content: { 'application/json': { schema: RegistrationResponseSchema } } },
    ...problemResponses(
      ...DOCUMENT_UPLOAD_PROBLEMS,
      'weak_password',
      'email_already_registered',
      'entity_already_registered',
      'rate_limited',
      'maintenance',
    ),
  },
});

export function registrationRoutes(deps: AppDeps) {
  const { store, config } = deps;
  // Counted before the body is read, so a flood of uploads is refused cheaply.
  return createRouter().openapi(
    {
      ...registerRoute,
      middleware: [
        async (c, next) => {
          await consumeIpBudget(store, 'register', clientIp(c, config.trustProxy), config.registrationRateLimit, Date.now());
          await next();
        },
        bodyLimit({ maxSize: REGISTRATION_BODY_MAX_BYTES }),
      ] as const,
    },
    async (c) => {
      const upload = await parseRegistration(await readMultipart(c.req.raw));
      const { tenantId, userId } = await register(deps, upload);
      deps.mailer.kick();
      return c.json({ tenantId, userId, emailVerificationSent: true as const }, 201);
    },
  );
}
