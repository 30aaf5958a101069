import {
  AgreementAcceptanceSchema,
  CaptureReceiptSchema,
  ComplaintContextSchema,
  ComplaintListSchema,
  ComplaintSchema,
  CurrentAgreementResponseSchema,
  ListingLookupSchema,
  IDEMPOTENCY_HEADER,
  InfoRequestListSchema,
  LoginResponseSchema,
  MeResponseSchema,
  MessageListSchema,
  PlatformStatusSchema,
  ProblemFieldErrorSchema,
  type AgreementAcceptance,
  type CaptureMeta,
  type CaptureReceipt,
  type Complaint,
  type ComplaintContext,
  type ComplaintList,
  type ComplaintState,
  type CreateComplaintRequest,
  type CurrentAgreementResponse,
  type ListingLookup,
  type ErrorCode,
  type InfoRequest,
  type InfoResponseData,
  type Locale,
  type LoginResponse,
  type MeResponse,
  type MessageList,
  type PlatformStatus,
  type ProblemFieldError,
} from '@openipp/shared';
import type { z } from 'zod';

/**
 * Codes the client itself can produce on top of the server's closed list:
 * the server was unreachable, or answered something that is not our contract.
 */
export type ClientErrorCode = 'network_error' | 'invalid_response';

/**
 * `code` is normally one of the server's ErrorCodes, but a newer server may
 * send one this build does not know yet; it is kept verbatim so the UI can
 * still show it (errors:unknown takes the code as a parameter).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode | (string & {}),
    /** From Retry-After on 429/503, so retries do not hammer a throttled server. */
    readonly retryAfterMs?: number,
    /** The problem's `errors[]`, e.g. each qualification problem of a 422 notice_not_qualified. */
    readonly errors?: ProblemFieldError[],
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }
}

/** Status 0 marks "no HTTP response at all". */
export const NETWORK_STATUS = 0;

const JSON_TIMEOUT_MS = 15_000;
/** A 15 MB screenshot over a slow uplink needs longer than a JSON call. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** What to call a non-problem+json error answer (e.g. an HTML page from a proxy). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'service_unavailable',
  503: 'service_unavailable',
  504: 'service_unavailable',
};

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Turns any non-2xx response into an ApiError, reading problem+json when present. */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  let code: string | undefined;
  let errors: ProblemFieldError[] | undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
        code = (body as { code: string }).code;
        const parsed = ProblemFieldErrorSchema.array().safeParse((body as { errors?: unknown }).errors);
        if (parsed.success) errors = parsed.data;
      }
    } catch {
      // A broken body still has a status worth reporting.
    }
  }
  return new ApiError(response.status, code ?? CODE_BY_STATUS[response.status] ?? 'unknown', retryAfterMs, errors);
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), credentials: 'omit' });
  } catch {
    // DNS failure, refused or dropped connection, timeout: all the same to the user.
    throw new ApiError(NETWORK_STATUS, 'network_error');
  }
}

async function parseBody<T extends z.ZodType>(response: Response, schema: T): Promise<z.infer<T>> {
  if (!response.ok) throw await toApiError(response);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, 'invalid_response');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(response.status, 'invalid_response');
  return parsed.data;
}

function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function login(
  { baseUrl }: ApiClientOptions,
  credentials: { email: string; password: string },
): Promise<LoginResponse & { token: string }> {
  const response = await send(
    `${baseUrl}/api/auth/login`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ ...credentials, client: 'extension' }),
    },
    JSON_TIMEOUT_MS,
  );
  const body = await parseBody(response, LoginResponseSchema);
  // An extension login without a bearer token is useless to us.
  if (!body.token) throw new ApiError(response.status, 'invalid_response');
  return { ...body, token: body.token };
}

export async function logout({ baseUrl, token }: ApiClientOptions): Promise<void> {
  const response = await send(
    `${baseUrl}/api/auth/logout`,
    { method: 'POST', headers: authHeaders(token) },
    JSON_TIMEOUT_MS,
  );
  if (!response.ok) throw await toApiError(response);
}

export async function me({ baseUrl, token }: ApiClientOptions): Promise<MeResponse> {
  const response = await send(
    `${baseUrl}/api/me`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, MeResponseSchema);
}

export interface UploadCaptureInput {
  /** UUID; the same key on a retry makes the server answer with the first receipt. */
  idempotencyKey: string;
  meta: CaptureMeta;
  png: ArrayBuffer;
  /** Declared artefacts sent inside this upload, by SHA-256 (the server checks each against its bytes). */
  artefacts?: readonly (readonly [string, ArrayBuffer])[];
}

/**
 * POST /api/captures: the meta, the screenshot and any artefacts sent inline,
 * each a file part named by its SHA-256. A retry with the same key is answered
 * as a replay (200) and still takes artefacts the capture lacks.
 */
export async function uploadCapture(
  { baseUrl, token }: ApiClientOptions,
  { idempotencyKey, meta, png, artefacts = [] }: UploadCaptureInput,
): Promise<{ receipt: CaptureReceipt; replayed: boolean }> {
  const form = new FormData();
  form.append('meta', JSON.stringify(meta));
  form.append('screenshot', new Blob([png], { type: 'image/png' }), 'capture.png');
  for (const [sha256, bytes] of artefacts) form.append('artefact', new Blob([bytes], { type: 'application/octet-stream' }), sha256);
  const response = await send(
    `${baseUrl}/api/captures`,
    {
      method: 'POST',
      headers: { ...authHeaders(token), [IDEMPOTENCY_HEADER]: idempotencyKey, Accept: 'application/json' },
      body: form,
    },
    UPLOAD_TIMEOUT_MS,
  );
  const receipt = await parseBody(response, CaptureReceiptSchema);
  return { receipt, replayed: response.status === 200 };
}

/** GET /api/agreements/current: both texts with their hashes, and whether this user accepted it. */
export async function currentAgreement({ baseUrl, token }: ApiClientOptions): Promise<CurrentAgreementResponse> {
  const response = await send(
    `${baseUrl}/api/agreements/current`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, CurrentAgreementResponseSchema);
}

/**
 * POST /api/agreements/{version}/accept with the language the user was shown.
 * 201 records a new acceptance; 200 means this version was already accepted.
 */
export async function acceptAgreement(
  { baseUrl, token }: ApiClientOptions,
  version: number,
  language: Locale,
): Promise<{ acceptance: AgreementAcceptance; alreadyAccepted: boolean }> {
  const response = await send(
    `${baseUrl}/api/agreements/${encodeURIComponent(String(version))}/accept`,
    {
      method: 'POST',
      headers: { ...authHeaders(token), 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ language }),
    },
    JSON_TIMEOUT_MS,
  );
  const acceptance = await parseBody(response, AgreementAcceptanceSchema);
  return { acceptance, alreadyAccepted: response.status === 200 };
}

/** GET /api/status: public, so it works signed out and shows the maintenance banner. */
export async function platformStatus({ baseUrl }: Pick<ApiClientOptions, 'baseUrl'>): Promise<PlatformStatus> {
  const response = await send(
    `${baseUrl}/api/status`,
    { method: 'GET', headers: { Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, PlatformStatusSchema);
}

/** GET /api/complaints/context: rights, principals and the complainant a builder judges a draft with. */
export async function complaintContext({ baseUrl, token }: ApiClientOptions): Promise<ComplaintContext> {
  const response = await send(
    `${baseUrl}/api/complaints/context`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, ComplaintContextSchema);
}

/**
 * POST /api/complaints. The same key with the same body makes the server
 * answer 200 with the complaint it already created, so a retry after a lost
 * answer can never file twice.
 */
export async function createComplaint(
  { baseUrl, token }: ApiClientOptions,
  { idempotencyKey, request }: { idempotencyKey: string; request: CreateComplaintRequest },
): Promise<{ complaint: Complaint; replayed: boolean }> {
  const response = await send(
    `${baseUrl}/api/complaints`,
    {
      method: 'POST',
      headers: {
        ...authHeaders(token),
        [IDEMPOTENCY_HEADER]: idempotencyKey,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify(request),
    },
    JSON_TIMEOUT_MS,
  );
  const complaint = await parseBody(response, ComplaintSchema);
  return { complaint, replayed: response.status === 200 };
}

/** GET /api/complaints/lookup?url=: this tenant's open complaints that already name the listing. */
export async function lookupListing({ baseUrl, token }: ApiClientOptions, url: string): Promise<ListingLookup> {
  const response = await send(
    `${baseUrl}/api/complaints/lookup?url=${encodeURIComponent(url)}`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, ListingLookupSchema);
}

/** GET /api/complaints?state=&limit=&cursor=: this tenant's complaints, newest first. */
export async function listComplaints(
  { baseUrl, token }: ApiClientOptions,
  query: { state?: ComplaintState; limit?: number; cursor?: string },
): Promise<ComplaintList> {
  const params = new URLSearchParams();
  if (query.state) params.set('state', query.state);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  const response = await send(
    `${baseUrl}/api/complaints?${params.toString()}`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, ComplaintListSchema);
}

/** GET /api/complaints/{id} */
export async function getComplaint({ baseUrl, token }: ApiClientOptions, id: string): Promise<Complaint> {
  const response = await send(
    `${baseUrl}/api/complaints/${encodeURIComponent(id)}`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, ComplaintSchema);
}

/** GET /api/complaints/{id}/info-requests: the reviewers' requests for material, newest first (issue #5). */
export async function listInfoRequests({ baseUrl, token }: ApiClientOptions, complaintId: string): Promise<InfoRequest[]> {
  const response = await send(
    `${baseUrl}/api/complaints/${encodeURIComponent(complaintId)}/info-requests`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return (await parseBody(response, InfoRequestListSchema)).items;
}

/** A document as it goes on the wire: the bytes under the type their magic bytes prove. */
export interface OutgoingDocument {
  fileName: string;
  type: string;
  bytes: ArrayBuffer;
}

/** The multipart body of an answer: `data` (InfoResponseData as JSON) and one `document` part per file. */
export function infoResponseForm(data: InfoResponseData, documents: readonly OutgoingDocument[]): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const document of documents) {
    form.append('document', new Blob([document.bytes], { type: document.type }), document.fileName);
  }
  return form;
}

/**
 * POST /api/complaints/{id}/info-response. 200: the complaint, back in review;
 * 409 invalid_transition: it no longer waits for material (answered already,
 * or closed at the deadline).
 */
export async function postInfoResponse(
  { baseUrl, token }: ApiClientOptions,
  complaintId: string,
  data: InfoResponseData,
  documents: readonly OutgoingDocument[],
): Promise<Complaint> {
  const response = await send(
    `${baseUrl}/api/complaints/${encodeURIComponent(complaintId)}/info-response`,
    {
      method: 'POST',
      headers: { ...authHeaders(token), Accept: 'application/json' },
      body: infoResponseForm(data, documents),
    },
    UPLOAD_TIMEOUT_MS,
  );
  return parseBody(response, ComplaintSchema);
}

/** GET /api/messages: the caller's in-site messages, newest first, and how many are unread (issue #6). */
export async function listMessages({ baseUrl, token }: ApiClientOptions): Promise<MessageList> {
  const response = await send(
    `${baseUrl}/api/messages`,
    { method: 'GET', headers: { ...authHeaders(token), Accept: 'application/json' } },
    JSON_TIMEOUT_MS,
  );
  return parseBody(response, MessageListSchema);
}

/** POST /api/messages/{id}/read: 204; reading one twice is no error. 404: not the caller's message. */
export async function markMessageRead({ baseUrl, token }: ApiClientOptions, id: string): Promise<void> {
  const response = await send(
    `${baseUrl}/api/messages/${encodeURIComponent(id)}/read`,
    { method: 'POST', headers: authHeaders(token) },
    JSON_TIMEOUT_MS,
  );
  if (!response.ok) throw await toApiError(response);
}
