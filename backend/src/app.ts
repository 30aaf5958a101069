/**
 * createApp builds the whole HTTP surface from explicit dependencies; index.ts
 * only serves it. Clients import `AppType` (types only) for a typed client.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '@openipp/shared';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { openBlobStore, type BlobStore } from './blobs';
import type { AppConfig } from './env';
import type { AppEnv } from './lib/context';
import type { AppDeps } from './lib/deps';
import { createLogger, type Logger } from './lib/logger';
import { loadSigningKey, type SigningKey } from './lib/signing-key';
import { notFound, onError } from './lib/problem';
import { createRouter } from './lib/router';
import { CONSOLE_DIST_DIR } from './paths';
import { maintenanceMode } from './middleware/maintenance';
import { createMailer, type Mailer } from './services/mail';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { adminRightRoutes } from './routes/admin/rights';
import { adminComplainantRoutes } from './routes/admin/complainants';
import { adminDisclosureRoutes } from './routes/admin/disclosures';
import { adminShopRoutes } from './routes/admin/shops';
import { adminDeliveryRoutes } from './routes/admin/deliveries';
import { adminNoticeRoutes } from './routes/admin/notices';
import { agreementRoutes } from './routes/agreements';
import { authRoutes } from './routes/auth';
import { captureRoutes } from './routes/captures';
import { evidenceRoutes } from './routes/captures/evidence';
import { complaintRoutes } from './routes/complaints';
import { complaintInfoRequestRoutes } from './routes/complaints/info-requests';
import { consoleRoutes } from './routes/console';
import { devRoutes } from './routes/dev';
import { devClockRoutes } from './routes/dev/clock';
import { documentRoutes } from './routes/documents';
import { principalRoutes } from './routes/principals';
import { rightRoutes } from './routes/rights';
import { sellerRoutes } from './routes/seller';
import { shopRoutes } from './routes/shops';
import { registrationRoutes } from './routes/registrations';
import { reviewRequestRoutes } from './routes/review-requests';
import { reviewRoutes } from './routes/review';
import { reviewCounterNoticeRoutes } from './routes/review/counter-notices';
import { counterNoticeRoutes } from './routes/counter-notices';
import { tenantRoutes } from './routes/tenant';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { messageRoutes } from './routes/messages';
import { sessionRoutes } from './routes/sessions';
import { statusRoutes } from './routes/status';
import { syncRoutes } from './routes/sync';
import { openStore, type Store } from './store';
import { APP_VERSION } from './version';

export interface CreateAppOptions {
  config: AppConfig;
  store: Store;
  blobs: BlobStore;
  signingKey: SigningKey;
  logger?: Logger;
  consoleDir?: string;
  /** The outbox sender; by default one over config.mail, not started (entrypoints start it). */
  mailer?: Mailer;
}

/** Extension pages may call the API with a bearer token; cookies are never accepted cross-origin. */
const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;

const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Swagger UI and React set inline style attributes.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function createApp(options: CreateAppOptions) {
  const logger = options.logger ?? createLogger(options.config);
  const deps: AppDeps = {
    config: options.config,
    store: options.store,
    blobs: options.blobs,
    signingKey: options.signingKey,
    logger,
    mailer: options.mailer ?? createMailer({ store: options.store, config: options.config, logger }),
    consoleDir: options.consoleDir ?? CONSOLE_DIST_DIR,
  };

  const api = createRouter()
    .route('/health', healthRoutes(deps))
    .route('/auth', authRoutes(deps))
    .route('/me', meRoutes(deps))
    .route('/captures', captureRoutes(deps))
    .route('/evidence', evidenceRoutes(deps))
    .route('/status', statusRoutes(deps))
    .route('/agreements', agreementRoutes(deps))
    .route('/sessions', sessionRoutes(deps))
    .route('/account', accountRoutes(deps))
    .route('/messages', messageRoutes(deps))
    .route('/sync', syncRoutes(deps))
    .route('/admin', adminRoutes(deps))
    .route('/admin/rights', adminRightRoutes(deps))
    .route('/registrations', registrationRoutes(deps))
    .route('/tenant', tenantRoutes(deps))
    .route('/documents', documentRoutes(deps))
    .route('/principals', principalRoutes(deps))
    .route('/rights', rightRoutes(deps))
    .route('/complaints', complaintRoutes(deps))
    // Requests for material and the complainant's answers, abuse marks and sanctions (issue #5).
    .route('/complaints', complaintInfoRequestRoutes(deps))
    .route('/review', reviewRoutes(deps))
    .route('/review', reviewRequestRoutes(deps))
    .route('/admin/complainants', adminComplainantRoutes(deps))
    // Shops, the seller's view of complaints and the disclosure log (issue #6 parts 1–2).
    .route('/shops', shopRoutes(deps))
    .route('/seller', sellerRoutes(deps))
    .route('/admin/shops', adminShopRoutes(deps))
    .route('/admin/disclosures', adminDisclosureRoutes(deps))
    // Notice delivery records and paper letters (issue #6 part 4).
    .route('/admin', adminDeliveryRoutes(deps))
    .route('/admin', adminNoticeRoutes(deps))
    // Counter-notices: filing, the complainant's proof, restore due and the decision (issue #6 part 3).
    .route('/', counterNoticeRoutes(deps))
    .route('/review', reviewCounterNoticeRoutes(deps));

  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.notFound(notFound);

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('logger', logger.child({ requestId: c.get('requestId') }));
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
        userId: c.var.principal?.user.id,
      },
      'request',
    );
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', IDEMPOTENCY_HEADER, CSRF_HEADER],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
      credentials: false,
      maxAge: 600,
    }),
  );

  // Before any route: during maintenance a write is refused before its body is read.
  app.use('/api/*', maintenanceMode(deps));

  const routes = app.route('/api', api);
  // Demo only, and absent otherwise: the environment refuses DEMO_MAILBOX in production.
  if (deps.config.demoMailbox && deps.config.nodeEnv !== 'production') app.route('/api/dev', devRoutes(deps));
  // End-to-end tests only, refused by the environment in production: a clock the test moves.
  if (deps.config.testClock && deps.config.nodeEnv !== 'production') app.route('/api/dev', devClockRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Token from POST /api/auth/login with client "extension"',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'openipp_session',
    description: 'Console session cookie (`__Host-openipp_session` over https); unsafe methods also need X-CSRF-Token',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'OpenIPP API', version: APP_VERSION },
  });
  app.route('/api/docs', docsRoutes());
  // Unknown /api paths are API 404s, never the console's index.html.
  app.all('/api/*', (c) => notFound(c));
  app.route('/', consoleRoutes(deps.consoleDir));

  return routes;
}

export type AppType = ReturnType<typeof createApp>;

/** Opens the store (migrating it), the blob store and the evidence-signing key under `config.dataDir`. */
export function openRuntime(config: AppConfig): { store: Store; blobs: BlobStore; signingKey: SigningKey } {
  return { store: openStore(config.dataDir), blobs: openBlobStore(config.dataDir), signingKey: loadSigningKey(config.dataDir) };
}
