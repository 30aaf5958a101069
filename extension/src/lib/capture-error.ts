/** Why a capture was refused; each has a text under extension:errors.<code>. */
export const CAPTURE_ERROR_CODES = [
  'no_target_tab',
  'unsupported_page',
  'capture_failed',
  'page_changed',
  'screenshot_too_large',
  'unauthenticated',
  'agreement_acceptance_required',
] as const;

/**
 * Refusals only the full-page capture (issue #7) can give; each has a text
 * under extension:fullPage.errors.<code>.
 */
export const FULL_PAGE_ERROR_CODES = ['capture_cancelled', 'capture_busy', 'page_too_wide'] as const;

export type CaptureErrorCode = (typeof CAPTURE_ERROR_CODES)[number] | (typeof FULL_PAGE_ERROR_CODES)[number];

export function isFullPageErrorCode(code: string): code is (typeof FULL_PAGE_ERROR_CODES)[number] {
  return (FULL_PAGE_ERROR_CODES as readonly string[]).includes(code);
}

export class CaptureError extends Error {
  /** cause: what the browser said, kept for the worker's log and the caller's diagnosis; never shown as UI text. */
  constructor(
    readonly code: CaptureErrorCode,
    cause?: unknown,
  ) {
    super(code, cause === undefined ? undefined : { cause });
    this.name = 'CaptureError';
  }
}
