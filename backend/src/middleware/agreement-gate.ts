import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';

/**
 * What a signed-in user may do before accepting the current agreement: read
 * who they are, read the agreement, accept it, or leave (MISSION item 17).
 * Exact method and path; everything else is behind the gate.
 */
const GATE_ALLOW_LIST: ReadonlyArray<{ methods: readonly string[]; path: RegExp }> = [
  { methods: ['GET', 'HEAD'], path: /^\/api\/me\/?$/ },
  { methods: ['GET', 'HEAD'], path: /^\/api\/agreements\/current\/?$/ },
  { methods: ['POST'], path: /^\/api\/agreements\/[^/]+\/accept\/?$/ },
  { methods: ['POST'], path: /^\/api\/auth\/logout\/?$/ },
  // Someone whose account is being misused must be able to stop it at once,
  // without first agreeing to anything.
  { methods: ['POST'], path: /^\/api\/account\/report-compromise\/?$/ },
];

export function gateAllows(method: string, path: string): boolean {
  const upper = method.toUpperCase();
  return GATE_ALLOW_LIST.some((entry) => entry.methods.includes(upper) && entry.path.test(path));
}

/**
 * Throws 403 agreement_acceptance_required while the principal has not
 * accepted the version in force, unless the route is on the allow-list.
 * Every role is gated, platform staff included.
 */
export function enforceAgreementGate(principal: Principal, method: string, path: string): void {
  if (principal.pendingAgreementVersion !== null && !gateAllows(method, path)) {
    throw new AppError('agreement_acceptance_required');
  }
}
