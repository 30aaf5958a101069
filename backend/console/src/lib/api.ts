import {
  AdminShopClaimListSchema,
  CounterNoticeListSchema,
  CounterNoticeSchema,
  DeliveryListSchema,
  DeliveryRecordSchema,
  DisclosureListSchema,
  RestoreDueListSchema,
  ShopClaimDecisionSchema,
  type AdminShopClaimList,
  type CounterNotice,
  type CounterNoticeDecisionRequest,
  type DeliveryListQuery,
  type DeliveryRecord,
  type Disclosure,
  type PaperLetterRequest,
  type RestoreDueList,
  type ShopClaimDecision,
  type ShopClaimStatus,
  BulkActionResultSchema,
  ClaimSchema,
  ComplainantOverviewListSchema,
  InfoRequestListSchema,
  QueuePageSchema,
  ReviewComplaintSchema,
  SanctionSchema,
  TimelineSchema,
  type AbuseKind,
  type BulkActionRequest,
  type Claim,
  type DecisionRequest,
  type InfoRequest,
  type InfoRequestRequest,
  type InfoResponseData,
  type QueuePage,
  type QueueQuery,
  type ReviewComplaint,
  type Sanction,
  type SanctionKind,
  type Timeline,
  AdminRightListSchema,
  ComplainantStatsSchema,
  ComplaintContextSchema,
  ComplaintListSchema,
  ComplaintSchema,
  IDEMPOTENCY_HEADER,
  ListingLookupSchema,
  RightDecisionSchema,
  RightListSchema,
  RightSchema,
  CaptureSchema,
  type AdminRightList,
  type Capture,
  type ComplainantStats,
  type Complaint,
  type ComplaintContext,
  type ComplaintInput,
  type ComplaintList,
  type ComplaintState,
  type CreateComplaintRequest,
  type ListingLookup,
  type Right,
  type RightData,
  type RightDecision,
  type RightStatus,
  SellerComplaintListSchema,
  SellerComplaintSchema,
  ShopClaimListSchema,
  ShopClaimSchema,
  type ComplainantProofData,
  type CounterNoticeData,
  type SellerComplaint,
  type SellerComplaintList,
  type ShopClaim,
  type ShopClaimDataInput,
  AcceptanceProofSchema,
  ContactsResponseSchema,
  DevMailboxSchema,
  PrincipalListSchema,
  RegistrationResponseSchema,
  TenantProfileSchema,
  TenantUserListSchema,
  VerificationQueueSchema,
  type ContactDetails,
  type ContactsResponse,
  type DevMailbox,
  type EntityIdentity,
  type Principal,
  type RegistrationData,
  type TenantProfile,
  type TenantUserList,
  type VerificationDecisionRequest,
  type VerificationQueue,
  AdminUserListSchema,
  AgreementAcceptanceSchema,
  AgreementAdminListSchema,
  AgreementVersionSchema,
  CSRF_HEADER,
  CaptureListSchema,
  CurrentAgreementResponseSchema,
  LoginHistorySchema,
  LoginResponseSchema,
  MeResponseSchema,
  MessageListSchema,
  PlatformStatusSchema,
  SessionListSchema,
  type AdminUser,
  type AgreementAcceptance,
  type AgreementAdminList,
  type AgreementVersion,
  type CaptureList,
  type CurrentAgreementResponse,
  type LoginEvent,
  type Locale,
  type MessageList,
  type PlatformStatus,
  type ProblemFieldError,
  type PublishAgreementRequest,
  type SessionList,
  type SetMaintenanceRequest,
  type User,
} from '@openipp/shared';
import type { z } from 'zod';

/**
 * A failed API call. `code` is the problem+json `code` (one of the shared error
 * codes) or one of the client-side codes below; the UI shows `errors:<code>`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: readonly ProblemFieldError[] = [],
    readonly requestId?: string,
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }
}

/** The server could not be reached at all (status 0). */
export const NETWORK_ERROR = 'network_error';
/** A response that is not a problem+json, or a 2xx body that breaks the contract. */
export const UNKNOWN_ERROR = 'unknown';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiClientOptions {
  /** Origin to prefix to `/api/...`; empty in the browser, where the console is same-origin. */
  baseUrl?: string;
}

/** Who is signed in, and which agreement version (if any) they must accept first. */
export interface Me {
  user: User;
  pendingAgreementVersion: number | null;
  /** Contact details not confirmed within the configured period: ask after login. */
  contactConfirmationDue: boolean;
}

/** A file to upload with its name, as a browser File (or any Blob with a name, in tests). */
export type NamedBlob = Blob & { readonly name: string };

export type RegistrationResult = z.infer<typeof RegistrationResponseSchema>;

/** A downloaded file, kept byte for byte as the server sent it. */
export interface Download {
  filename: string;
  type: string;
  text: string;
}

export interface ApiClient {
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** Restores a cookie session after a reload; rejects with 401 when there is none. */
  me(): Promise<Me>;
  listCaptures(params?: { cursor?: string; limit?: number }): Promise<CaptureList>;

  currentAgreement(): Promise<CurrentAgreementResponse>;
  /** `language` is the text the user had on screen when accepting. */
  acceptAgreement(version: number, language: Locale): Promise<AgreementAcceptance>;

  listMessages(): Promise<MessageList>;
  markMessageRead(id: string): Promise<void>;

  listSessions(): Promise<SessionList>;
  endSession(id: string): Promise<void>;
  /** Ends every session of this user, this one included. */
  revokeAllSessions(): Promise<void>;
  loginHistory(): Promise<LoginEvent[]>;
  /** Freezes the account and ends every session and token; this client is signed out afterwards. */
  reportCompromise(note?: string): Promise<void>;

  /** Public: needs no session, so the login screen can show the maintenance banner. */
  platformStatus(): Promise<PlatformStatus>;

  /** Public: a new tenant with its owner; `proofs` are the identity documents (1–5). */
  register(data: RegistrationData, proofs: readonly NamedBlob[]): Promise<RegistrationResult>;
  /** Public: always accepted, so it reveals nothing about which addresses have accounts. */
  resendVerification(email: string): Promise<void>;
  /** Public, one-time e-mailed links: the token is the whole credential. */
  verifyEmail(token: string): Promise<void>;
  acceptInvitation(request: { token: string; displayName: string; password: string }): Promise<void>;
  freezeByLink(token: string): Promise<void>;

  tenantProfile(): Promise<TenantProfile>;
  /** Owner only: the tenant's users and open invitations. */
  tenantUsers(): Promise<TenantUserList>;
  inviteMonitor(email: string, locale: Locale): Promise<void>;
  /** Agencies: the rights holders they act for. */
  listPrincipals(): Promise<Principal[]>;
  /** The answer is not relied on: the list is reloaded, so what shows is what the server kept. */
  addPrincipal(identity: EntityIdentity, authority: NamedBlob): Promise<void>;

  contacts(): Promise<ContactsResponse>;
  /** A new version of the details; the server keeps the old one in the history. */
  updateContacts(details: ContactDetails): Promise<void>;
  confirmContacts(): Promise<void>;

  adminVerifications(): Promise<VerificationQueue>;
  adminDecideTenant(id: string, decision: VerificationDecisionRequest): Promise<void>;
  adminDecidePrincipal(id: string, decision: VerificationDecisionRequest): Promise<void>;

  /** Demo only: mail caught by the local SMTP capture; rejects (404) when the demo mailbox is off. */
  devMailbox(): Promise<DevMailbox>;

  getCapture(id: string): Promise<Capture>;

  /** Rights holders and agencies: the tenant's rights portfolio. */
  listRights(): Promise<Right[]>;
  /** Recorded pending staff verification; `proofs` are 1–5 documents. */
  addRight(data: RightData, proofs: readonly NamedBlob[]): Promise<Right>;
  adminListRights(status?: RightStatus): Promise<AdminRightList['items']>;
  adminDecideRight(id: string, decision: VerificationDecisionRequest): Promise<RightDecision>;

  /** What a complaint builder needs besides the captures: complainant, rights, principals, server time. */
  complaintContext(): Promise<ComplaintContext>;
  listComplaints(params?: { state?: ComplaintState; cursor?: string; limit?: number }): Promise<ComplaintList>;
  getComplaint(id: string): Promise<Complaint>;
  /** `idempotencyKey` is made once per attempt and sent again on a retry of the same body. */
  createComplaint(request: CreateComplaintRequest, idempotencyKey: string): Promise<Complaint>;
  /** Drafts only. */
  updateComplaint(id: string, input: ComplaintInput): Promise<Complaint>;
  submitComplaint(id: string, idempotencyKey: string): Promise<Complaint>;
  withdrawComplaint(id: string, note?: string): Promise<Complaint>;
  /** The tenant's open complaints that already hold this listing ("already reported"). */
  lookupListing(url: string): Promise<ListingLookup>;
  complaintStats(): Promise<ComplainantStats>;

  /** Sellers: the tenant's shop claims, oldest first, each with staff's verification. */
  listShopClaims(): Promise<ShopClaim[]>;
  /** Sellers: claims a shop by id or by a shop URL, pending staff verification; `proofs` are 1–3 documents. */
  claimShop(data: ShopClaimDataInput, proofs: readonly NamedBlob[]): Promise<ShopClaim>;
  /** Sellers: filed complaints naming the tenant's verified shops, newest first. */
  sellerComplaints(): Promise<SellerComplaintList['items']>;
  /** Sellers: one complaint as disclosed to them (each read is logged as a disclosure). */
  sellerComplaint(id: string): Promise<SellerComplaint>;
  /** Sellers: a counter-notice against an upheld listing; `evidence` are 1–5 documents (PDF, PNG, JPEG). */
  fileCounterNotice(listingId: string, data: CounterNoticeData, evidence: readonly NamedBlob[]): Promise<CounterNotice>;
  /** Complainants: the counter-notices filed against their complaint, oldest first. */
  complaintCounterNotices(complaintId: string): Promise<CounterNotice[]>;
  /** Complainants: proof of an action filed, within the window (409 window_closed after it); 1–5 documents. */
  submitCounterNoticeProof(id: string, data: ComplainantProofData, documents: readonly NamedBlob[]): Promise<CounterNotice>;

  /** The tenant's answer to the open request for material: `documents` are 0–5 files (PDF, PNG, JPEG). */
  answerInfoRequest(id: string, data: InfoResponseData, documents: readonly NamedBlob[]): Promise<Complaint>;
  /** Every request for material on the complaint, newest first. */
  complaintInfoRequests(id: string): Promise<InfoRequest[]>;
  /** The complaint's audit entries, each re-verified against the chain. */
  complaintTimeline(id: string): Promise<Timeline>;

  /** Staff: the review queue, overdue first, keyset-paginated. */
  reviewQueue(query?: QueueQuery): Promise<QueuePage>;
  /** Takes or renews the caller's lease on the complaint (409 already_claimed when another reviewer holds it). */
  claimComplaint(id: string): Promise<Claim>;
  releaseClaim(id: string): Promise<void>;
  /**
   * Releases the claim as the page goes away: sent with `keepalive` so the
   * browser finishes the request after the page is gone. Fire and forget.
   */
  releaseClaimOnUnload(id: string): void;
  reviewComplaint(id: string): Promise<ReviewComplaint>;
  decideComplaint(id: string, request: DecisionRequest): Promise<Complaint>;
  requestInfo(id: string, request: InfoRequestRequest): Promise<Complaint>;
  /** All or nothing: 409 stale_selection or 404 leave every complaint as it was. */
  bulkReview(request: BulkActionRequest): Promise<BulkResult>;
  markAbuse(id: string, request: { kind: AbuseKind; note: string }): Promise<void>;
  /** Admin: every complaining tenant, highest abuse score first. */
  adminComplainants(): Promise<ComplainantOverview[]>;
  imposeSanction(tenantId: string, request: { kind: SanctionKind; reason: string }): Promise<Sanction>;
  liftSanction(tenantId: string, sanctionId: string, reason: string): Promise<void>;

  adminListAgreements(): Promise<AgreementAdminList>;
  adminPublishAgreement(request: PublishAgreementRequest): Promise<AgreementVersion>;
  adminListUsers(params?: { frozen?: boolean }): Promise<AdminUser[]>;
  adminUnfreezeUser(id: string, note: string): Promise<void>;
  /** One user's acceptance proof, checked against the contract but kept as the exact bytes served. */
  adminAcceptanceProof(id: string): Promise<Download>;
  adminSetMaintenance(request: SetMaintenanceRequest): Promise<PlatformStatus>;

  /** Staff: counter-notices whose window ended without proof of an action, oldest window end first. */
  reviewRestoreDue(): Promise<RestoreDueList['items']>;
  /** Staff: restore the listing or retain the measure; 422 placeholder_unfilled names each [[placeholder]] left in the statement. */
  decideCounterNotice(id: string, request: CounterNoticeDecisionRequest): Promise<CounterNotice>;
  /** Admin: shop claims with the seller tenant that made them, oldest first; `pending` is the verification queue. */
  adminListShopClaims(status?: ShopClaimStatus): Promise<AdminShopClaimList['items']>;
  adminDecideShopClaim(id: string, decision: VerificationDecisionRequest): Promise<ShopClaimDecision>;
  /** Admin: delivery records of notices, newest first; `recipient` is a user id or the exact address used. */
  adminDeliveries(query?: DeliveryListQuery): Promise<DeliveryRecord[]>;
  /** Admin: a posted letter; the record answered says when it counts as delivered. */
  adminRecordPaperLetter(request: PaperLetterRequest): Promise<DeliveryRecord>;
  /** Admin: every disclosure of one complainant tenant's personal data, newest first. */
  adminDisclosures(complainantTenantId: string): Promise<Disclosure[]>;

  /** Called with the error whenever any call except login answers 401. */
  onUnauthenticated(listener: (error: ApiError) => void): () => void;
  /** Called with every failed call's error except login's, e.g. to show the agreement gate on 403. */
  onProblem(listener: (error: ApiError) => void): () => void;
}

export type ComplainantOverview = z.infer<typeof ComplainantOverviewListSchema>['items'][number];

export type BulkResult = z.infer<typeof BulkActionResultSchema>;

export const AGREEMENT_REQUIRED = 'agreement_acceptance_required';

export function captureImageUrl(id: string, size?: 'thumb'): string {
  const path = `/api/captures/${encodeURIComponent(id)}/image`;
  return size ? `${path}?size=${size}` : path;
}

/** Identity proofs and letters of authority; served only to their tenant and to staff. */
export function documentUrl(id: string): string {
  return `/api/documents/${encodeURIComponent(id)}`;
}

/** A right's proof document, always served as a download. */
export function rightProofUrl(rightId: string, proofId: string): string {
  return `/api/rights/${encodeURIComponent(rightId)}/proofs/${encodeURIComponent(proofId)}`;
}

/** A document sent with an answer to a request for material; served as a download to its tenant and to staff. */
export function infoDocumentUrl(complaintId: string, documentId: string): string {
  return `/api/complaints/${encodeURIComponent(complaintId)}/info-documents/${encodeURIComponent(documentId)}`;
}

/** A capture attached to one of the seller's own listings, re-encoded for display (the seller has no access to the capture itself). */
export function sellerCaptureImageUrl(complaintId: string, captureId: string, size?: 'thumb'): string {
  const path = `/api/seller/complaints/${encodeURIComponent(complaintId)}/captures/${encodeURIComponent(captureId)}/image`;
  return size ? `${path}?size=${size}` : path;
}

/** A shop claim's proof document; a download for the seller and staff. */
export function shopProofUrl(claimId: string, documentId: string): string {
  return `/api/shops/${encodeURIComponent(claimId)}/proofs/${encodeURIComponent(documentId)}`;
}

/** A seller's evidence filed with a counter-notice; a download for both parties and staff. */
export function counterNoticeEvidenceUrl(counterNoticeId: string, documentId: string): string {
  return `/api/counter-notices/${encodeURIComponent(counterNoticeId)}/evidence/${encodeURIComponent(documentId)}`;
}

/** A complainant's proof of an action filed against a counter-notice; a download for both parties and staff. */
export function counterNoticeProofUrl(counterNoticeId: string, documentId: string): string {
  return `/api/counter-notices/${encodeURIComponent(counterNoticeId)}/proofs/${encodeURIComponent(documentId)}`;
}

export function captureOriginalUrl(id: string): string {
  return `/api/captures/${encodeURIComponent(id)}/original`;
}

/**
 * The file name from a Content-Disposition header (RFC 6266), preferring the
 * UTF-8 `filename*` form. Path separators are dropped: the name comes from the network.
 */
export function attachmentFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header)?.slice(1).find((part) => part !== undefined);
  const safe = name?.replace(/\\(.)/g, '$1').replace(/[/\\]/g, '_').trim();
  return safe ? safe : undefined;
}

function isProblemField(value: unknown): value is ProblemFieldError {
  if (value === null || typeof value !== 'object') return false;
  const field = value as Record<string, unknown>;
  return typeof field.path === 'string' && typeof field.code === 'string' && typeof field.message === 'string';
}

/**
 * Keeps only string and number params: they are interpolated into translated
 * texts (qualification problems), and anything else would print as [object Object].
 */
function problemField(field: ProblemFieldError): ProblemFieldError {
  const { path, code, message } = field;
  const raw: unknown = field.params;
  if (raw === null || typeof raw !== 'object') return { path, code, message };
  const params = Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
  );
  return { path, code, message, params };
}

/**
 * Turns any non-2xx response into an ApiError. Only a problem+json body is
 * trusted for a code: a proxy's HTML error page must not be mistaken for one.
 */
export async function readProblem(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/problem+json') {
    try {
      const body = (await response.json()) as Record<string, unknown> | null;
      if (body && typeof body.code === 'string') {
        const errors = Array.isArray(body.errors) ? body.errors.filter(isProblemField).map(problemField) : [];
        const requestId = typeof body.requestId === 'string' ? body.requestId : undefined;
        return new ApiError(response.status, body.code, errors, requestId);
      }
    } catch {
      // A truncated or invalid body is still an error; fall through to unknown.
    }
  }
  return new ApiError(response.status, UNKNOWN_ERROR);
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  // Kept in memory only: a token in storage would outlive the cookie and be
  // readable by any script on the origin. GET /api/me recovers it after a reload.
  let csrfToken: string | undefined;
  const unauthenticatedListeners = new Set<(error: ApiError) => void>();
  const problemListeners = new Set<(error: ApiError) => void>();

  function subscribe(set: Set<(error: ApiError) => void>, listener: (error: ApiError) => void): () => void {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /**
   * Sends one call and returns the 2xx response; any other status becomes an ApiError.
   * `keepalive` lets the request outlive the page (at most 64 KiB of body).
   */
  async function send(
    method: string,
    path: string,
    body: unknown,
    notify: boolean,
    extraHeaders: Record<string, string> = {},
    keepalive = false,
  ): Promise<Response> {
    const headers = new Headers({ ...extraHeaders, Accept: 'application/json, application/problem+json' });
    // Multipart bodies get their Content-Type (with the boundary) from fetch itself.
    const multipart = body instanceof FormData;
    if (body !== undefined && !multipart) headers.set('Content-Type', 'application/json');
    if (UNSAFE_METHODS.has(method) && csrfToken) headers.set(CSRF_HEADER, csrfToken);

    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? null : multipart ? body : JSON.stringify(body),
        ...(keepalive ? { keepalive } : {}),
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR);
    }

    if (!response.ok) {
      const error = await readProblem(response);
      if (error.status === 401) csrfToken = undefined;
      if (notify) {
        if (error.status === 401) for (const listener of unauthenticatedListeners) listener(error);
        for (const listener of problemListeners) listener(error);
      }
      throw error;
    }
    return response;
  }

  /**
   * A call whose answer carries nothing the console needs (204/202, or a record it
   * reloads anyway). `notify` false for the public link routes: their failures say
   * nothing about a session that may be open in this browser.
   */
  async function command(method: string, path: string, body?: unknown, notify = true): Promise<void> {
    const response = await send(method, path, body, notify);
    // Drain the body so the connection is reused.
    await response.arrayBuffer().catch(() => undefined);
  }

  function withFiles(data: unknown, field: string, files: readonly NamedBlob[]): FormData {
    const form = new FormData();
    form.set('data', JSON.stringify(data));
    for (const file of files) form.append(field, file, file.name);
    return form;
  }

  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | undefined,
    body?: unknown,
    notify = true,
    extraHeaders?: Record<string, string>,
  ): Promise<z.infer<S>> {
    const response = await send(method, path, body, notify, extraHeaders);
    if (!schema) return undefined as z.infer<S>;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status, UNKNOWN_ERROR);
    }
    const parsed = schema.safeParse(json);
    // A body that breaks the shared contract is a server bug; refuse it rather
    // than render half-valid evidence.
    if (!parsed.success) throw new ApiError(response.status, UNKNOWN_ERROR);
    return parsed.data;
  }

  return {
    async login(email, password) {
      // A 401 here means wrong credentials, shown on the login form, not a lost session.
      const result = await request('POST', '/api/auth/login', LoginResponseSchema, { email, password, client: 'console' }, false);
      csrfToken = result.csrfToken;
      return result.user;
    },
    async logout() {
      try {
        await request('POST', '/api/auth/logout', undefined, undefined, false);
      } finally {
        csrfToken = undefined;
      }
    },
    async me() {
      const result = await request('GET', '/api/me', MeResponseSchema);
      csrfToken = result.csrfToken;
      return {
        user: result.user,
        pendingAgreementVersion: result.pendingAgreementVersion,
        contactConfirmationDue: result.contactConfirmationDue,
      };
    },
    async listCaptures(params = {}) {
      const query = new URLSearchParams();
      if (params.limit !== undefined) query.set('limit', String(params.limit));
      if (params.cursor !== undefined) query.set('cursor', params.cursor);
      const search = query.toString();
      return request('GET', `/api/captures${search ? `?${search}` : ''}`, CaptureListSchema);
    },
    currentAgreement() {
      return request('GET', '/api/agreements/current', CurrentAgreementResponseSchema);
    },
    acceptAgreement(version, language) {
      return request('POST', `/api/agreements/${version}/accept`, AgreementAcceptanceSchema, { language });
    },
    listMessages() {
      return request('GET', '/api/messages', MessageListSchema);
    },
    markMessageRead(id) {
      return command('POST', `/api/messages/${encodeURIComponent(id)}/read`);
    },
    listSessions() {
      return request('GET', '/api/sessions', SessionListSchema);
    },
    endSession(id) {
      return command('DELETE', `/api/sessions/${encodeURIComponent(id)}`);
    },
    async revokeAllSessions() {
      await command('POST', '/api/sessions/revoke-all');
      // This session is among those ended; its token is worthless now.
      csrfToken = undefined;
    },
    async loginHistory() {
      return (await request('GET', '/api/account/logins', LoginHistorySchema)).items;
    },
    async reportCompromise(note) {
      const trimmed = note?.trim();
      await command('POST', '/api/account/report-compromise', trimmed ? { note: trimmed } : {});
      csrfToken = undefined;
    },
    platformStatus() {
      // Not a signed-in call: a failure here says nothing about the session.
      return request('GET', '/api/status', PlatformStatusSchema, undefined, false);
    },
    register(data, proofs) {
      return request('POST', '/api/registrations', RegistrationResponseSchema, withFiles(data, 'proof', proofs), false);
    },
    resendVerification(email) {
      return command('POST', '/api/auth/resend-verification', { email }, false);
    },
    verifyEmail(token) {
      return command('POST', '/api/auth/verify-email', { token }, false);
    },
    acceptInvitation(body) {
      return command('POST', '/api/auth/accept-invitation', body, false);
    },
    freezeByLink(token) {
      return command('POST', '/api/auth/freeze-by-link', { token }, false);
    },
    tenantProfile() {
      return request('GET', '/api/tenant', TenantProfileSchema);
    },
    tenantUsers() {
      return request('GET', '/api/tenant/users', TenantUserListSchema);
    },
    inviteMonitor(email, locale) {
      return command('POST', '/api/tenant/invitations', { email, role: 'monitor', locale });
    },
    async listPrincipals() {
      return (await request('GET', '/api/principals', PrincipalListSchema)).items;
    },
    addPrincipal(identity, authority) {
      return command('POST', '/api/principals', withFiles(identity, 'authority', [authority]));
    },
    contacts() {
      return request('GET', '/api/account/contacts', ContactsResponseSchema);
    },
    updateContacts(details) {
      return command('PUT', '/api/account/contacts', details);
    },
    confirmContacts() {
      return command('POST', '/api/account/contacts/confirm');
    },
    adminVerifications() {
      return request('GET', '/api/admin/verifications', VerificationQueueSchema);
    },
    adminDecideTenant(id, decision) {
      return command('POST', `/api/admin/tenants/${encodeURIComponent(id)}/verification`, decision);
    },
    adminDecidePrincipal(id, decision) {
      return command('POST', `/api/admin/principals/${encodeURIComponent(id)}/verification`, decision);
    },
    devMailbox() {
      return request('GET', '/api/dev/mailbox', DevMailboxSchema, undefined, false);
    },
    getCapture(id) {
      return request('GET', `/api/captures/${encodeURIComponent(id)}`, CaptureSchema);
    },
    async listRights() {
      return (await request('GET', '/api/rights', RightListSchema)).items;
    },
    addRight(data, proofs) {
      return request('POST', '/api/rights', RightSchema, withFiles(data, 'proof', proofs));
    },
    async adminListRights(status) {
      return (await request('GET', `/api/admin/rights${status ? `?status=${status}` : ''}`, AdminRightListSchema)).items;
    },
    adminDecideRight(id, decision) {
      return request('POST', `/api/admin/rights/${encodeURIComponent(id)}/verification`, RightDecisionSchema, decision);
    },
    complaintContext() {
      return request('GET', '/api/complaints/context', ComplaintContextSchema);
    },
    listComplaints(params = {}) {
      const query = new URLSearchParams();
      if (params.state !== undefined) query.set('state', params.state);
      if (params.limit !== undefined) query.set('limit', String(params.limit));
      if (params.cursor !== undefined) query.set('cursor', params.cursor);
      const search = query.toString();
      return request('GET', `/api/complaints${search ? `?${search}` : ''}`, ComplaintListSchema);
    },
    getComplaint(id) {
      return request('GET', `/api/complaints/${encodeURIComponent(id)}`, ComplaintSchema);
    },
    createComplaint(body, idempotencyKey) {
      return request('POST', '/api/complaints', ComplaintSchema, body, true, { [IDEMPOTENCY_HEADER]: idempotencyKey });
    },
    updateComplaint(id, input) {
      return request('PUT', `/api/complaints/${encodeURIComponent(id)}`, ComplaintSchema, input);
    },
    submitComplaint(id, idempotencyKey) {
      return request('POST', `/api/complaints/${encodeURIComponent(id)}/submit`, ComplaintSchema, undefined, true, { [IDEMPOTENCY_HEADER]: idempotencyKey });
    },
    withdrawComplaint(id, note) {
      const trimmed = note?.trim();
      return request('POST', `/api/complaints/${encodeURIComponent(id)}/withdraw`, ComplaintSchema, trimmed ? { note: trimmed } : {});
    },
    lookupListing(url) {
      return request('GET', `/api/complaints/lookup?url=${encodeURIComponent(url)}`, ListingLookupSchema);
    },
    complaintStats() {
      return request('GET', '/api/complaints/stats', ComplainantStatsSchema);
    },
    async listShopClaims() {
      return (await request('GET', '/api/shops', ShopClaimListSchema)).items;
    },
    claimShop(data, proofs) {
      return request('POST', '/api/shops', ShopClaimSchema, withFiles(data, 'proof', proofs));
    },
    async sellerComplaints() {
      return (await request('GET', '/api/seller/complaints', SellerComplaintListSchema)).items;
    },
    sellerComplaint(id) {
      return request('GET', `/api/seller/complaints/${encodeURIComponent(id)}`, SellerComplaintSchema);
    },
    fileCounterNotice(listingId, data, evidence) {
      return request('POST', `/api/seller/listings/${encodeURIComponent(listingId)}/counter-notice`, CounterNoticeSchema, withFiles(data, 'evidence', evidence));
    },
    async complaintCounterNotices(complaintId) {
      return (await request('GET', `/api/complaints/${encodeURIComponent(complaintId)}/counter-notices`, CounterNoticeListSchema)).items;
    },
    submitCounterNoticeProof(id, data, documents) {
      return request('POST', `/api/counter-notices/${encodeURIComponent(id)}/proof`, CounterNoticeSchema, withFiles(data, 'document', documents));
    },
    answerInfoRequest(id, data, documents) {
      return request('POST', `/api/complaints/${encodeURIComponent(id)}/info-response`, ComplaintSchema, withFiles(data, 'document', documents));
    },
    async complaintInfoRequests(id) {
      return (await request('GET', `/api/complaints/${encodeURIComponent(id)}/info-requests`, InfoRequestListSchema)).items;
    },
    complaintTimeline(id) {
      return request('GET', `/api/complaints/${encodeURIComponent(id)}/timeline`, TimelineSchema);
    },
    reviewQueue(query = {}) {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, String(value));
      const text = search.toString();
      return request('GET', `/api/review/queue${text ? `?${text}` : ''}`, QueuePageSchema);
    },
    claimComplaint(id) {
      return request('POST', `/api/review/complaints/${encodeURIComponent(id)}/claim`, ClaimSchema);
    },
    releaseClaim(id) {
      return command('DELETE', `/api/review/complaints/${encodeURIComponent(id)}/claim`);
    },
    releaseClaimOnUnload(id) {
      // Nobody is left to tell of a failure; the lease runs out on its own.
      send('DELETE', `/api/review/complaints/${encodeURIComponent(id)}/claim`, undefined, false, {}, true).then(
        (response) => response.arrayBuffer(),
        () => undefined,
      );
    },
    reviewComplaint(id) {
      return request('GET', `/api/review/complaints/${encodeURIComponent(id)}`, ReviewComplaintSchema);
    },
    decideComplaint(id, body) {
      return request('POST', `/api/review/complaints/${encodeURIComponent(id)}/decision`, ComplaintSchema, body);
    },
    requestInfo(id, body) {
      return request('POST', `/api/review/complaints/${encodeURIComponent(id)}/info-request`, ComplaintSchema, body);
    },
    bulkReview(body) {
      return request('POST', '/api/review/bulk', BulkActionResultSchema, body);
    },
    markAbuse(id, body) {
      return command('POST', `/api/review/complaints/${encodeURIComponent(id)}/abuse`, { kind: body.kind, note: body.note.trim() });
    },
    async adminComplainants() {
      return (await request('GET', '/api/admin/complainants', ComplainantOverviewListSchema)).items;
    },
    imposeSanction(tenantId, body) {
      return request('POST', `/api/admin/complainants/${encodeURIComponent(tenantId)}/sanctions`, SanctionSchema, { kind: body.kind, reason: body.reason.trim() });
    },
    liftSanction(tenantId, sanctionId, reason) {
      return command('POST', `/api/admin/complainants/${encodeURIComponent(tenantId)}/sanctions/${encodeURIComponent(sanctionId)}/lift`, { reason: reason.trim() });
    },
    adminListAgreements() {
      return request('GET', '/api/admin/agreements', AgreementAdminListSchema);
    },
    adminPublishAgreement(body) {
      return request('POST', '/api/admin/agreements', AgreementVersionSchema, body);
    },
    async adminListUsers(params = {}) {
      const search = params.frozen === undefined ? '' : `?frozen=${String(params.frozen)}`;
      return (await request('GET', `/api/admin/users${search}`, AdminUserListSchema)).items;
    },
    adminUnfreezeUser(id, note) {
      return command('POST', `/api/admin/users/${encodeURIComponent(id)}/unfreeze`, { note });
    },
    async adminAcceptanceProof(id) {
      const response = await send('GET', `/api/admin/users/${encodeURIComponent(id)}/acceptances`, undefined, true);
      let text: string;
      try {
        text = await response.text();
        if (!AcceptanceProofSchema.safeParse(JSON.parse(text)).success) throw new Error('contract');
      } catch {
        throw new ApiError(response.status, UNKNOWN_ERROR);
      }
      // The proof is saved exactly as served, not re-serialised, so it matches what the server logged.
      return {
        filename: attachmentFilename(response.headers.get('content-disposition')) ?? `acceptances-${id}.json`,
        type: response.headers.get('content-type') ?? 'application/json',
        text,
      };
    },
    adminSetMaintenance(body) {
      return request('PUT', '/api/admin/maintenance', PlatformStatusSchema, body);
    },
    async reviewRestoreDue() {
      return (await request('GET', '/api/review/restore-due', RestoreDueListSchema)).items;
    },
    decideCounterNotice(id, body) {
      return request('POST', `/api/review/counter-notices/${encodeURIComponent(id)}/decision`, CounterNoticeSchema, { action: body.action, statement: body.statement.trim() });
    },
    async adminListShopClaims(status) {
      return (await request('GET', `/api/admin/shops${status ? `?status=${status}` : ''}`, AdminShopClaimListSchema)).items;
    },
    adminDecideShopClaim(id, decision) {
      return request('POST', `/api/admin/shops/${encodeURIComponent(id)}/verification`, ShopClaimDecisionSchema, decision);
    },
    async adminDeliveries(query = {}) {
      const search = new URLSearchParams();
      if (query.channel !== undefined) search.set('channel', query.channel);
      const recipient = query.recipient?.trim();
      if (recipient) search.set('recipient', recipient);
      const text = search.toString();
      return (await request('GET', `/api/admin/deliveries${text ? `?${text}` : ''}`, DeliveryListSchema)).items;
    },
    adminRecordPaperLetter(body) {
      return request('POST', '/api/admin/paper-letters', DeliveryRecordSchema, body);
    },
    async adminDisclosures(complainantTenantId) {
      return (await request('GET', `/api/admin/disclosures?complainant=${encodeURIComponent(complainantTenantId)}`, DisclosureListSchema)).items;
    },
    onUnauthenticated(listener) {
      return subscribe(unauthenticatedListeners, listener);
    },
    onProblem(listener) {
      return subscribe(problemListeners, listener);
    },
  };
}
