import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  complaintDraftOf,
  CreateComplaintRequestSchema,
  qualifyNotice,
  recognizeListing,
  type AgreementAcceptance,
  type AgreementVersion,
  type CaptureReceipt,
  type Complaint,
  type ComplaintContext,
  type CreateComplaintRequest,
  type ListingLookup,
  type Locale,
  type PlatformStatus,
  type User,
} from '@openipp/shared';

/**
 * A real HTTP server speaking the backend's wire contract, with scripted
 * answers, so the client code runs its real fetch/FormData path in tests.
 */

/**
 * `lost` (POST /api/complaints): the request is handled as usual, then the
 * connection drops before the answer leaves, so the client cannot tell
 * whether it worked. Elsewhere it answers as `default`.
 */
export type Scripted =
  | { kind: 'default' }
  | { kind: 'lost' }
  | { kind: 'problem'; status: number; code: string; retryAfter?: string }
  | { kind: 'drop' }
  | { kind: 'raw'; status: number; contentType: string; body: string };

export interface RecordedUpload {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  meta: unknown;
  fileName: string | undefined;
  fileType: string | undefined;
  sha256: string;
}

export const TEST_USER: User = {
  id: 'user-1',
  email: 'monitor@demo.test',
  displayName: 'Monitor',
  role: 'monitor',
  locale: 'en',
  tenant: { id: 'tenant-1', name: 'Demo Brand Co.', kind: 'rights_holder', identityStatus: 'approved' },
};

export const TEST_PASSWORD = 'demo-password-1';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** An agreement version as the server serves it, hashes included. */
export function agreementVersion(version: number): AgreementVersion {
  const zh = `# 用户协议 第 ${version} 版\n\n中英文版本不一致时，以**中文版本**为准。\n\n- 账户\n- 投诉服务`;
  const en = `# User agreement, version ${version}\n\nWhere the texts differ, the **Chinese text** prevails.\n\n- Accounts\n- Complaint service`;
  return {
    version,
    publishedAt: new Date(Date.UTC(2026, 0, version)).toISOString(),
    summary: { 'zh-CN': `第 ${version} 版变更摘要`, en: `Changes in version ${version}` },
    texts: { 'zh-CN': { body: zh, sha256: sha256(zh) }, en: { body: en, sha256: sha256(en) } },
    prevailingLanguage: 'zh-CN',
  };
}

/** The account and platform state the double answers from; tests change it between calls. */
export interface DoubleState {
  currentAgreement: number;
  /** The highest version TEST_USER has accepted. */
  acceptedAgreement: number;
  /** Set by "report unauthorised use": every token is void, and a correct login answers account_frozen. */
  frozen: boolean;
  maintenance: { enabled: boolean; message: { 'zh-CN': string; en: string } | null; retryAfterSeconds: number };
  /** What GET /api/complaints/context answers (serverTime is added per request). */
  complaintContext: Omit<ComplaintContext, 'serverTime'>;
}

/** A verified worldwide trademark of TEST_USER's tenant, valid 2020–2099. */
export const TEST_RIGHT = {
  id: 'right-1',
  type: 'trademark',
  status: 'verified',
  validFrom: '2020-01-01',
  validUntil: '2099-12-31',
  territories: ['WW'],
  registrationNumber: 'TM-0001',
  principalId: null,
} as const satisfies ComplaintContext['rights'][number];

export function defaultComplaintContext(): Omit<ComplaintContext, 'serverTime'> {
  return {
    tenantKind: 'rights_holder',
    identityVerified: true,
    complainant: { legalName: 'Demo Brand Co.', email: 'legal@demo.test', phone: null, postalAddress: null },
    rights: [{ ...TEST_RIGHT, territories: [...TEST_RIGHT.territories] }],
    principals: [],
  };
}

export interface RecordedComplaintRequest {
  idempotencyKey: string | undefined;
  body: CreateComplaintRequest;
  status: number;
}

export interface BackendDouble {
  url: string;
  uploads: RecordedUpload[];
  /** Answers for the next requests to `path`, consumed in order; then the default behaviour. */
  script(path: string, ...answers: Scripted[]): void;
  requests: { method: string; path: string; authorization: string | undefined }[];
  state: DoubleState;
  /** Every accept call that the double recorded (201 and 200 alike). */
  acceptances: { version: number; language: Locale; status: number }[];
  /** Every POST /api/complaints, answered or not. */
  complaintRequests: RecordedComplaintRequest[];
  /** Complaints filed (or saved) so far; GET /api/complaints/lookup answers from these. */
  complaints: Complaint[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function problem(res: ServerResponse, status: number, code: string, retryAfter?: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
  });
  res.end(JSON.stringify({ type: 'about:blank', title: code, status, code, requestId: 'req-1' }));
}

export async function startBackendDouble(): Promise<BackendDouble> {
  const scripts = new Map<string, Scripted[]>();
  const uploads: RecordedUpload[] = [];
  const requests: BackendDouble['requests'] = [];
  const receipts = new Map<string, CaptureReceipt>();
  const validToken = 'token-abc';
  let nextId = 1;
  const state: DoubleState = {
    currentAgreement: 1,
    acceptedAgreement: 1,
    frozen: false,
    maintenance: { enabled: false, message: null, retryAfterSeconds: 120 },
    complaintContext: defaultComplaintContext(),
  };
  const acceptances: BackendDouble['acceptances'] = [];
  const complaintRequests: RecordedComplaintRequest[] = [];
  const complaints: Complaint[] = [];
  const complaintsByKey = new Map<string, { body: string; complaint: Complaint }>();
  const acceptPath = /^\/api\/agreements\/(\d+)\/accept$/;
  // The real server's allow-lists: what a pending agreement and maintenance mode still let through.
  const gateFree = (method: string, path: string) =>
    path === '/api/me' || path === '/api/agreements/current' || path === '/api/auth/logout' || (method === 'POST' && acceptPath.test(path));
  const maintenanceFree = (path: string) =>
    path === '/api/auth/login' || path === '/api/auth/logout' || acceptPath.test(path);

  const server = createServer((req, res) => {
    void (async () => {
      const requestUrl = new URL(req.url ?? '/', 'http://x');
      const path = requestUrl.pathname;
      const authorization = req.headers.authorization;
      requests.push({ method: req.method ?? '', path, authorization });
      const body = await readBody(req);
      const scripted = scripts.get(path)?.shift() ?? { kind: 'default' };

      if (path === '/api/captures' && req.method === 'POST') {
        // Record what arrived even when the answer is scripted: retries must carry the same key.
        const form = await new Request('http://x', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: new Uint8Array(body),
        }).formData();
        const file = form.get('screenshot');
        const bytes = file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
        uploads.push({
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
          authorization,
          meta: JSON.parse(String(form.get('meta'))),
          fileName: file instanceof File ? file.name : undefined,
          fileType: file instanceof Blob ? file.type : undefined,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
      }

      const lost = scripted.kind === 'lost';
      switch (scripted.kind) {
        case 'lost':
          break;
        case 'drop':
          req.socket.destroy();
          return;
        case 'problem':
          problem(res, scripted.status, scripted.code, scripted.retryAfter);
          return;
        case 'raw':
          res.writeHead(scripted.status, { 'Content-Type': scripted.contentType });
          res.end(scripted.body);
          return;
        case 'default':
          break;
      }

      const method = req.method ?? 'GET';
      if (path === '/api/status' && method === 'GET') {
        const status: PlatformStatus = {
          maintenance: {
            enabled: state.maintenance.enabled,
            message: state.maintenance.message,
            since: state.maintenance.enabled ? new Date().toISOString() : null,
            retryAfterSeconds: state.maintenance.retryAfterSeconds,
          },
        };
        json(res, 200, status);
        return;
      }
      if (state.maintenance.enabled && method !== 'GET' && !maintenanceFree(path)) {
        problem(res, 503, 'maintenance', String(state.maintenance.retryAfterSeconds));
        return;
      }
      if (path === '/api/auth/login' && method === 'POST') {
        const credentials = JSON.parse(body.toString()) as { email: string; password: string; client?: string };
        if (credentials.email !== TEST_USER.email || credentials.password !== TEST_PASSWORD) {
          problem(res, 401, 'invalid_credentials');
          return;
        }
        if (state.frozen) {
          problem(res, 401, 'account_frozen');
          return;
        }
        json(res, 200, { token: validToken, expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: TEST_USER });
        return;
      }
      if (authorization !== `Bearer ${validToken}`) {
        problem(res, 401, 'unauthenticated');
        return;
      }
      if (state.frozen) {
        problem(res, 401, 'account_frozen');
        return;
      }
      const pending = state.acceptedAgreement < state.currentAgreement ? state.currentAgreement : null;
      if (pending !== null && !gateFree(method, path)) {
        problem(res, 403, 'agreement_acceptance_required');
        return;
      }
      if (path === '/api/auth/logout') {
        res.writeHead(204).end();
        return;
      }
      if (path === '/api/me') {
        json(res, 200, { user: TEST_USER, pendingAgreementVersion: pending, contactConfirmationDue: false });
        return;
      }
      if (path === '/api/agreements/current' && method === 'GET') {
        const accepted = state.acceptedAgreement >= state.currentAgreement;
        json(res, 200, {
          agreement: agreementVersion(state.currentAgreement),
          acceptedAt: accepted ? new Date(Date.UTC(2026, 1, 1)).toISOString() : null,
        });
        return;
      }
      const accept = acceptPath.exec(path);
      if (accept && method === 'POST') {
        const version = Number(accept[1]);
        const { language } = JSON.parse(body.toString()) as { language: Locale };
        if (version !== state.currentAgreement) {
          problem(res, 409, 'agreement_version_not_current');
          return;
        }
        const status = state.acceptedAgreement >= version ? 200 : 201;
        state.acceptedAgreement = version;
        acceptances.push({ version, language, status });
        const current = agreementVersion(version);
        const record: AgreementAcceptance = {
          id: `acc-${acceptances.length}`,
          userId: TEST_USER.id,
          userEmail: TEST_USER.email,
          tenantId: TEST_USER.tenant.id,
          version,
          language,
          zhSha256: current.texts['zh-CN'].sha256,
          enSha256: current.texts.en.sha256,
          acceptedAt: new Date().toISOString(),
          ip: '127.0.0.1',
          userAgent: req.headers['user-agent'] ?? null,
        };
        json(res, status, record);
        return;
      }
      if (path === '/api/captures' && req.method === 'POST') {
        const upload = uploads.at(-1)!;
        const key = upload.idempotencyKey ?? '';
        const known = receipts.get(key);
        if (known) {
          json(res, 200, known);
          return;
        }
        const receipt = { id: `cap-${nextId++}`, sha256: upload.sha256, receivedAt: new Date().toISOString() };
        receipts.set(key, receipt);
        json(res, 201, receipt);
        return;
      }
      if (path === '/api/complaints/context' && method === 'GET') {
        json(res, 200, { ...state.complaintContext, serverTime: new Date().toISOString() });
        return;
      }
      if (path === '/api/complaints/lookup' && method === 'GET') {
        const url = requestUrl.searchParams.get('url') ?? '';
        const canonical = recognizeListing(url)?.canonicalUrl ?? null;
        const open = new Set(['submitted', 'in_review', 'needs_info']);
        const lookup: ListingLookup = {
          canonicalUrl: canonical,
          reports: complaints
            .filter((c) => open.has(c.state) && c.listings.some((l) => canonical !== null && l.canonicalUrl === canonical))
            .map((c) => ({ complaintId: c.id, state: c.state, submittedAt: c.submittedAt })),
        };
        json(res, 200, lookup);
        return;
      }
      if (path === '/api/complaints' && method === 'POST') {
        const key = req.headers['idempotency-key'] as string | undefined;
        const parsed = CreateComplaintRequestSchema.safeParse(JSON.parse(body.toString()));
        if (!parsed.success) {
          problem(res, 400, 'validation_failed');
          return;
        }
        const request = parsed.data;
        const answer = (status: number, payload: unknown) => {
          complaintRequests.push({ idempotencyKey: key, body: request, status });
          if (lost) req.socket.destroy();
          else json(res, status, payload);
        };
        if (!key) {
          complaintRequests.push({ idempotencyKey: key, body: request, status: 400 });
          problem(res, 400, 'missing_idempotency_key');
          return;
        }
        const known = complaintsByKey.get(key);
        if (known) {
          if (known.body !== body.toString()) {
            complaintRequests.push({ idempotencyKey: key, body: request, status: 422 });
            problem(res, 422, 'idempotency_key_reused');
            return;
          }
          answer(200, known.complaint);
          return;
        }
        if (request.submit) {
          if (!state.complaintContext.identityVerified) {
            complaintRequests.push({ idempotencyKey: key, body: request, status: 403 });
            problem(res, 403, 'identity_not_verified');
            return;
          }
          // As the real server: captures uploaded here are the verified ones.
          const verified = new Set([...receipts.values()].map((r) => r.id));
          const problems = qualifyNotice(
            complaintDraftOf(request, { ...state.complaintContext, verifiedCaptureIds: verified }),
            { now: new Date() },
          );
          if (problems.length > 0) {
            complaintRequests.push({ idempotencyKey: key, body: request, status: 422 });
            res.writeHead(422, { 'Content-Type': 'application/problem+json' });
            res.end(
              JSON.stringify({
                type: 'about:blank',
                title: 'notice_not_qualified',
                status: 422,
                code: 'notice_not_qualified',
                errors: problems.map((p) => ({ ...p, message: p.code })),
              }),
            );
            return;
          }
        }
        const at = new Date().toISOString();
        const right = state.complaintContext.rights.find((r) => r.id === request.rightId);
        const complaint: Complaint = {
          id: `cmp-${complaints.length + 1}`,
          tenantId: TEST_USER.tenant.id,
          state: request.submit ? 'submitted' : 'draft',
          principal: null,
          right: right ? { id: right.id, type: right.type, registrationNumber: right.registrationNumber } : null,
          reason: request.reason,
          explanation: request.explanation,
          goodFaith: request.goodFaith,
          accuracy: request.accuracy,
          complainant: request.submit ? state.complaintContext.complainant : null,
          listings: request.listings.map((listing, index) => {
            const recognized = recognizeListing(listing.url);
            return {
              id: `lst-${complaints.length + 1}-${index + 1}`,
              position: index + 1,
              url: listing.url,
              canonicalUrl: recognized?.canonicalUrl ?? listing.url,
              marketplace: recognized?.marketplace ?? 'generic',
              listingId: recognized?.listingId ?? null,
              shopId: recognized?.shopId ?? null,
              jurisdiction: null,
              captureIds: listing.captureIds,
              location: listing.location,
              outcome: 'pending' as const,
            };
          }),
          transitions: [{ from: null, to: 'draft', event: null, actor: { id: TEST_USER.id, email: TEST_USER.email }, at }],
          createdAt: at,
          updatedAt: at,
          submittedAt: request.submit ? at : null,
        };
        complaints.push(complaint);
        complaintsByKey.set(key, { body: body.toString(), complaint });
        answer(201, complaint);
        return;
      }
      problem(res, 404, 'not_found');
    })().catch(() => res.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uploads,
    requests,
    state,
    acceptances,
    complaintRequests,
    complaints,
    script(path, ...answers) {
      scripts.set(path, [...(scripts.get(path) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real 2×1 PNG (IHDR width 2, height 1). */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=';

export function tinyPng(): ArrayBuffer {
  const bytes = Buffer.from(TINY_PNG_BASE64, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
