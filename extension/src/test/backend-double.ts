import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  complaintDraftOf,
  CreateComplaintRequestSchema,
  InfoResponseDataSchema,
  labelMatchesKind,
  qualifyNotice,
  recognizeListing,
  sniffFileKind,
  type AgreementAcceptance,
  type AgreementVersion,
  type CaptureReceipt,
  type Complaint,
  type ComplaintContext,
  type ComplaintState,
  type ComplaintSummary,
  type CreateComplaintRequest,
  type DeficiencyCode,
  type InfoRequest,
  type ListingLookup,
  type Locale,
  type Message,
  type PlatformStatus,
  type User,
} from '@openipp/shared';
import { createSyncFeed, type SyncFeed } from './sync-feed';

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
  /** Declared artefacts sent inside the upload: the SHA-256 each part was named by, and the one its bytes have. */
  inline: { sha256: string; actual: string }[];
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

/** One POST /api/complaints/{id}/info-response as it arrived, whatever the answer. */
export interface RecordedInfoResponse {
  complaintId: string;
  authorization: string | undefined;
  /** The multipart field names, in order. */
  fields: string[];
  /** The `data` field, parsed as JSON (undefined when it was not JSON). */
  data: unknown;
  documents: { fileName: string; type: string; bytes: number; sha256: string }[];
  status: number;
}

/** One PUT /api/captures/{id}/artefacts/{sha256} as it arrived, with the status it got. */
export interface RecordedArtefactUpload {
  captureId: string;
  /** The hash in the path. */
  sha256: string;
  /** The hash of the bytes that came. */
  actual: string;
  status: number;
}

export interface BackendDouble {
  url: string;
  uploads: RecordedUpload[];
  /** Every artefact PUT that reached the handler (not the scripted ones). */
  artefactUploads: RecordedArtefactUpload[];
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
  /** Requests for material by complaint id, newest first, as GET …/info-requests serves them. */
  infoRequests: Map<string, InfoRequest[]>;
  /** Every POST …/info-response. */
  infoResponses: RecordedInfoResponse[];
  /** TEST_USER's in-site messages, newest first, as GET /api/messages serves them (issue #6). */
  messages: Message[];
  /** GET /api/sync/changes over the complaints, requests and messages above (issue #7, part 7). */
  syncFeed: SyncFeed;
  /** A new unread message on top of the inbox, as a notice would leave it. */
  sendMessage(title: { 'zh-CN': string; en: string }, kind?: Message['kind']): Message;
  /** A submitted complaint of TEST_USER's tenant naming `urls`, as if filed earlier. */
  seedComplaint(urls: string[]): Complaint;
  /** What a reviewer's request does (issue #5): the complaint waits in needs_info for this request. */
  requestInfo(complaintId: string, request: { deficiencies: DeficiencyCode[]; message: string; deadline: string }): InfoRequest;
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
  const artefactUploads: RecordedArtefactUpload[] = [];
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
  const infoRequests = new Map<string, InfoRequest[]>();
  const infoResponses: RecordedInfoResponse[] = [];
  const messages: Message[] = [];
  const syncFeed = createSyncFeed();
  const messageReadPath = /^\/api\/messages\/([^/]+)\/read$/;
  const complaintPath = /^\/api\/complaints\/([^/]+)$/;
  const infoRequestsPath = /^\/api\/complaints\/([^/]+)\/info-requests$/;
  const infoResponsePath = /^\/api\/complaints\/([^/]+)\/info-response$/;
  const actor = { id: TEST_USER.id, email: TEST_USER.email };
  const reviewer = { id: 'reviewer-1', email: 'reviewer@platform.test' };

  function buildComplaint(request: CreateComplaintRequest, complaintState: ComplaintState): Complaint {
    const at = new Date().toISOString();
    const number = complaints.length + 1;
    const right = state.complaintContext.rights.find((r) => r.id === request.rightId);
    const submitted = complaintState !== 'draft';
    return {
      id: `cmp-${number}`,
      tenantId: TEST_USER.tenant.id,
      state: complaintState,
      principal: null,
      right: right ? { id: right.id, type: right.type, registrationNumber: right.registrationNumber } : null,
      reason: request.reason,
      explanation: request.explanation,
      goodFaith: request.goodFaith,
      accuracy: request.accuracy,
      complainant: submitted ? state.complaintContext.complainant : null,
      listings: request.listings.map((listing, index) => {
        const recognized = recognizeListing(listing.url);
        return {
          id: `lst-${number}-${index + 1}`,
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
      transitions: [
        { from: null, to: 'draft', event: null, actor, at },
        ...(submitted ? [{ from: 'draft' as const, to: 'submitted' as const, event: 'submit' as const, actor, at }] : []),
      ],
      createdAt: at,
      updatedAt: at,
      submittedAt: submitted ? at : null,
    };
  }

  function transition(complaint: Complaint, to: ComplaintState, event: 'start_review' | 'request_info' | 'provide_info', by: { id: string; email: string }): void {
    const at = new Date().toISOString();
    complaint.transitions.push({ from: complaint.state, to, event, actor: by, at });
    complaint.state = to;
    complaint.updatedAt = at;
  }

  const summaryOf = (c: Complaint): ComplaintSummary => ({
    id: c.id,
    state: c.state,
    reason: c.reason,
    right: c.right,
    principal: c.principal,
    listingCount: c.listings.length,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    submittedAt: c.submittedAt,
  });

  /** As the real route: multipart `data` + 0–5 `document` parts, checked by magic bytes; only a waiting complaint takes an answer. */
  async function answerInfoRequest(res: ServerResponse, req: IncomingMessage, body: Buffer, complaintId: string, authorization: string | undefined): Promise<void> {
    const record: RecordedInfoResponse = { complaintId, authorization, fields: [], data: undefined, documents: [], status: 0 };
    infoResponses.push(record);
    const fail = (status: number, code: string) => {
      record.status = status;
      problem(res, status, code);
    };
    let form: FormData;
    try {
      form = await new Request('http://x', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(body),
      }).formData();
    } catch {
      fail(400, 'malformed_multipart');
      return;
    }
    record.fields = [...form.keys()];
    const files: { name: string; type: string; bytes: Buffer }[] = [];
    for (const part of form.getAll('document')) {
      if (!(part instanceof File)) continue;
      const bytes = Buffer.from(await part.arrayBuffer());
      files.push({ name: part.name, type: part.type, bytes });
      record.documents.push({ fileName: part.name, type: part.type, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    const raw = form.get('data');
    try {
      record.data = typeof raw === 'string' ? JSON.parse(raw) : undefined;
    } catch {
      record.data = undefined;
    }
    const complaint = complaints.find((c) => c.id === complaintId);
    if (!complaint) return fail(404, 'not_found');
    const parsed = InfoResponseDataSchema.safeParse(record.data);
    if (!parsed.success || record.fields.some((field) => field !== 'data' && field !== 'document') || files.length > 5) {
      return fail(400, 'validation_failed');
    }
    for (const file of files) {
      const kind = sniffFileKind(new Uint8Array(file.bytes));
      if (!kind) return fail(415, 'unsupported_file_type');
      if (!labelMatchesKind(kind, file.name, file.type)) return fail(422, 'file_type_mismatch');
    }
    const mine = new Set([...receipts.values()].map((r) => r.id));
    const named = [...parsed.data.captureIds, ...Object.values(parsed.data.listingCaptures ?? {}).flat()];
    if (named.some((id) => !mine.has(id))) return fail(404, 'capture_not_found');
    const open = (infoRequests.get(complaintId) ?? []).find((r) => r.response === null && r.expiredAt === null);
    if (complaint.state !== 'needs_info' || !open) return fail(409, 'invalid_transition');
    open.response = {
      message: parsed.data.message,
      captureIds: parsed.data.captureIds,
      documents: record.documents.map((d, i) => ({ id: `doc-${i + 1}`, fileName: d.fileName, mime: d.type, bytes: d.bytes, sha256: d.sha256 })),
      respondedAt: new Date().toISOString(),
      respondedBy: actor,
    };
    transition(complaint, 'in_review', 'provide_info', actor);
    record.status = 200;
    json(res, 200, complaint);
  }

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
          inline: await Promise.all(
            form.getAll('artefact').map(async (part) => ({
              sha256: part instanceof File ? part.name : '',
              actual: part instanceof Blob ? createHash('sha256').update(Buffer.from(await part.arrayBuffer())).digest('hex') : '',
            })),
          ),
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
        // As the real server: inline bytes that do not hash to their name refuse the whole upload.
        if (upload.inline.some((part) => part.sha256 !== part.actual)) {
          problem(res, 422, 'hash_mismatch');
          return;
        }
        const brought = new Set(upload.inline.map((part) => part.sha256));
        const known = receipts.get(key);
        if (known && brought.size === 0) {
          json(res, 200, known);
          return;
        }
        if (known) {
          // A replay still takes the inline artefacts the capture lacks.
          const missing = (known.missing ?? []).filter((sha) => !brought.has(sha));
          const { missing: _was, ...rest } = known;
          const now = missing.length > 0 ? { ...rest, missing } : { ...rest, state: 'receipted' as const };
          receipts.set(key, now);
          json(res, 200, now);
          return;
        }
        // As the real server: declared artefacts other than the screenshot's own bytes come inline or follow by PUT.
        const declared = ((upload.meta as { artefacts?: { sha256: string }[] }).artefacts ?? []).map((a) => a.sha256);
        const missing = [...new Set(declared.filter((sha) => sha !== upload.sha256 && !brought.has(sha)))];
        const receipt: CaptureReceipt = {
          id: `cap-${nextId++}`,
          sha256: upload.sha256,
          receivedAt: new Date().toISOString(),
          ...(missing.length > 0 ? { state: 'incomplete', missing } : { state: 'receipted' }),
        };
        receipts.set(key, receipt);
        json(res, 201, receipt);
        return;
      }
      const artefactPut = /^\/api\/captures\/([^/]+)\/artefacts\/([0-9a-f]{64})$/.exec(path);
      if (artefactPut && method === 'PUT') {
        const [, captureId, sha] = artefactPut as unknown as [string, string, string];
        const entry = [...receipts.entries()].find(([, r]) => r.id === captureId);
        const actual = createHash('sha256').update(body).digest('hex');
        const record: RecordedArtefactUpload = { captureId, sha256: sha, actual, status: 0 };
        artefactUploads.push(record);
        const answer = (status: number, code?: string) => {
          record.status = status;
          if (code) problem(res, status, code);
          else json(res, status, receipts.get(entry![0]));
        };
        if (!entry) return answer(404, 'not_found');
        const [key, receipt] = entry;
        if (actual !== sha) return answer(422, 'hash_mismatch');
        if (!(receipt.missing ?? []).includes(sha)) return answer(200);
        const missing = receipt.missing!.filter((m) => m !== sha);
        const { missing: _was, ...rest } = receipt;
        receipts.set(key, missing.length > 0 ? { ...rest, state: 'incomplete', missing } : { ...rest, state: 'receipted' });
        return answer(201);
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
        const complaint = buildComplaint(request, request.submit ? 'submitted' : 'draft');
        complaints.push(complaint);
        complaintsByKey.set(key, { body: body.toString(), complaint });
        answer(201, complaint);
        return;
      }
      if (path === '/api/complaints' && method === 'GET') {
        const wanted = requestUrl.searchParams.get('state');
        const limit = Number(requestUrl.searchParams.get('limit') ?? '50');
        const offset = Number(requestUrl.searchParams.get('cursor') ?? '0');
        const matching = [...complaints].reverse().filter((c) => wanted === null || c.state === wanted);
        const page = matching.slice(offset, offset + limit);
        json(res, 200, {
          items: page.map(summaryOf),
          ...(offset + limit < matching.length ? { nextCursor: String(offset + limit) } : {}),
        });
        return;
      }
      const requestsOf = infoRequestsPath.exec(path);
      if (requestsOf && method === 'GET') {
        if (!complaints.some((c) => c.id === requestsOf[1])) {
          problem(res, 404, 'not_found');
          return;
        }
        json(res, 200, { items: infoRequests.get(requestsOf[1]!) ?? [] });
        return;
      }
      const responseTo = infoResponsePath.exec(path);
      if (responseTo && method === 'POST') {
        await answerInfoRequest(res, req, body, responseTo[1]!, authorization);
        return;
      }
      if (path === '/api/sync/changes' && method === 'GET') {
        json(res, 200, syncFeed.answer(requestUrl.searchParams, { complaints, infoRequests, messages }));
        return;
      }
      if (path === '/api/messages' && method === 'GET') {
        json(res, 200, { items: messages, unread: messages.filter((m) => m.readAt === null).length });
        return;
      }
      const read = messageReadPath.exec(path);
      if (read && method === 'POST') {
        const message = messages.find((m) => m.id === read[1]);
        if (!message) {
          problem(res, 404, 'not_found');
          return;
        }
        message.readAt ??= new Date().toISOString();
        res.writeHead(204).end();
        return;
      }
      const one = complaintPath.exec(path);
      if (one && method === 'GET') {
        const complaint = complaints.find((c) => c.id === one[1]);
        if (complaint) json(res, 200, complaint);
        else problem(res, 404, 'not_found');
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
    artefactUploads,
    requests,
    state,
    acceptances,
    complaintRequests,
    complaints,
    infoRequests,
    infoResponses,
    messages,
    sendMessage(title, kind = 'complaint_decided') {
      const message: Message = {
        id: `msg-${messages.length + 1}`,
        kind,
        title,
        body: { 'zh-CN': `${title['zh-CN']}。详情见控制台。`, en: `${title.en}. See the console for details.` },
        createdAt: new Date(Date.now() + messages.length).toISOString(),
        readAt: null,
      };
      messages.unshift(message);
      return message;
    },
    seedComplaint(urls) {
      const complaint = buildComplaint(
        {
          principalId: null,
          rightId: TEST_RIGHT.id,
          reason: 'counterfeit',
          explanation: 'Counterfeit handbags sold under our registered trademark.',
          goodFaith: true,
          accuracy: true,
          listings: urls.map((url) => ({ url, captureIds: [], location: { kind: 'text', quote: 'Gucci' } })),
          submit: true,
        },
        'submitted',
      );
      complaints.push(complaint);
      return complaint;
    },
    syncFeed,
    requestInfo(complaintId, request) {
      const complaint = complaints.find((c) => c.id === complaintId);
      if (!complaint) throw new Error(`no complaint ${complaintId}`);
      if (complaint.state === 'submitted') transition(complaint, 'in_review', 'start_review', reviewer);
      transition(complaint, 'needs_info', 'request_info', reviewer);
      const list = infoRequests.get(complaintId) ?? [];
      const made: InfoRequest = {
        id: `ir-${complaintId}-${list.length + 1}`,
        deficiencies: request.deficiencies,
        message: request.message,
        deadline: request.deadline,
        requestedAt: new Date(Date.now() + list.length).toISOString(),
        requestedBy: reviewer,
        response: null,
        expiredAt: null,
      };
      infoRequests.set(complaintId, [made, ...list]);
      return made;
    },
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
