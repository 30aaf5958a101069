/**
 * The closed list of error codes. Every 4xx/5xx the backend sends is an RFC 9457
 * problem+json whose `code` is one of these; the code doubles as the i18n key
 * (`errors:<code>`), so clients never show server prose to users.
 */
export const ERROR_STATUS = {
  // 400 — the request itself is malformed
  malformed_json: 400,
  validation_failed: 400,
  missing_file: 400,
  missing_idempotency_key: 400,
  invalid_idempotency_key: 400,
  malformed_multipart: 400,
  /** A one-time link token we never issued. */
  link_invalid: 400,
  // 401 — who are you?
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  /** Signing in needs the e-mail address verified first. */
  email_not_verified: 403,
  /** The account was frozen after a report of unauthorised use; every session is void. */
  account_frozen: 401,
  // 403 — we know you, but no
  csrf_failed: 403,
  forbidden: 403,
  /** The current user agreement has not been accepted; only the gate's routes answer. */
  agreement_acceptance_required: 403,
  /** Staff have not (yet) verified this tenant's identity; filing is closed until they do. */
  identity_not_verified: 403,
  /** Staff suspended this complainant's filing after abuse (MISSION item 15). */
  filing_suspended: 403,
  // 404 — absent, or not yours (tenancy never reveals existence)
  not_found: 404,
  /** A complaint names a right, capture or principal that is not the caller's tenant's. */
  right_not_found: 404,
  capture_not_found: 404,
  principal_not_found: 404,
  // 405
  method_not_allowed: 405,
  // 413 — body over the cap, with or without Content-Length
  payload_too_large: 413,
  // 410 — a one-time link past its lifetime
  link_expired: 410,
  // 415 — we do not take this kind of file
  unsupported_file_type: 415,
  // 415 — the request body is not in a media type this route accepts (e.g. login sent as a form)
  unsupported_media_type: 415,
  // 422 — well-formed but unacceptable
  empty_file: 422,
  file_type_mismatch: 422,
  image_unreadable: 422,
  /** Bytes after the file's own end (a second file appended: a polyglot such as a PNG that is also a zip). */
  trailing_data: 422,
  /** A document whose bytes start right but are not a complete file (e.g. a truncated PDF). */
  document_unreadable: 422,
  image_too_large: 422,
  idempotency_key_reused: 422,
  /** An uploaded artefact's bytes do not hash to the SHA-256 it was declared and sent under. */
  hash_mismatch: 422,
  /** Fails the password policy; `errors[]` names each problem (too_short, too_common, …). */
  weak_password: 422,
  /** The complaint is not a qualified notice; `errors[]` lists each problem code (qualification:<code>). */
  notice_not_qualified: 422,
  /** A right for an agency principal whose letter of authority staff have not approved. */
  principal_not_approved: 422,
  /** A complaint over the per-complaint listing cap (MAX_LISTINGS_PER_COMPLAINT). */
  too_many_listings: 422,
  /** The same canonical listing twice in one complaint; `errors[]` points at the repeat. */
  duplicate_listing: 422,
  /** A reason code the chosen right's type cannot ground (REASONS_BY_RIGHT_TYPE). */
  reason_not_for_right: 422,
  /** A decision statement still holds a template placeholder ([[…]]). */
  placeholder_unfilled: 422,
  /** A request for supplementary material whose deadline is not in the future. */
  deadline_in_past: 422,
  // 429
  rate_limited: 429,
  // 409 — the request conflicts with the current state
  agreement_version_not_current: 409,
  /** A complaint event its current state does not allow (the shared lifecycle table). */
  invalid_transition: 409,
  /** The capture still lacks declared artefacts: it has no receipt, manifest or bundle yet. */
  capture_incomplete: 409,
  /** One entity, one account (MISSION item 2). */
  entity_already_registered: 409,
  email_already_registered: 409,
  /** The tenant already filed this right (same type and registration number) and it was not rejected. */
  right_already_registered: 409,
  /** A one-time link (verification, invitation, freeze) that was already used. */
  link_used: 409,
  /** A decision on something already decided. */
  already_decided: 409,
  /** Another reviewer holds a live claim on this complaint. */
  already_claimed: 409,
  /** Deciding or requesting needs the caller's own live claim first. */
  claim_required: 409,
  /** The caller's claim ran out (15 minutes without renewal); claim again. */
  lease_expired: 409,
  /** A bulk selection holds a complaint changed since the reviewer saw it. */
  stale_selection: 409,
  /** Proof of a complaint to the authorities or a lawsuit, sent after the counter-notice window closed. */
  window_closed: 409,
  // 5xx
  internal_error: 500,
  service_unavailable: 503,
  /** Maintenance mode: reads work, writes wait (with Retry-After). */
  maintenance: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
