import {
  COMPLAINT_EVENTS,
  type ComplaintEvent,
  type ComplaintState,
  type ListingOutcome,
} from '../schemas/complaint';

/**
 * The complaint lifecycle (issue #4 part 5) as a pure table: which event moves
 * which state where. Counter-notice states arrive in a later issue; adding
 * them is adding rows here and, where needed, a guard below.
 */
export const COMPLAINT_TRANSITIONS: {
  readonly [S in ComplaintState]: { readonly [E in ComplaintEvent]?: ComplaintState };
} = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { start_review: 'in_review', withdraw: 'withdrawn' },
  in_review: { request_info: 'needs_info', decide: 'decided', withdraw: 'withdrawn' },
  needs_info: { provide_info: 'in_review', expire: 'closed', withdraw: 'withdrawn' },
  decided: {},
  withdrawn: {},
  closed: {},
};

/** States a complaint can still move out of; a complainant may withdraw from any of them. */
export const OPEN_STATES: readonly ComplaintState[] = ['draft', 'submitted', 'in_review', 'needs_info'];

export function isOpenState(state: ComplaintState): boolean {
  return OPEN_STATES.includes(state);
}

export interface TransitionContext {
  /** The outcome of every listing in the complaint; `decide` needs them all settled. */
  listingOutcomes?: readonly ListingOutcome[];
}

export type TransitionResult =
  | { ok: true; state: ComplaintState }
  | {
      ok: false;
      code: 'invalid_transition';
      from: ComplaintState;
      event: ComplaintEvent;
      /** Set when the table allows the move but its precondition does not hold. */
      guard?: GuardFailure;
    };

/** Who moved a complaint, and when. The backend stores one per transition. */
export interface TransitionRecord {
  from: ComplaintState;
  to: ComplaintState;
  event: ComplaintEvent;
  actorId: string;
  /** ISO 8601 date-time. */
  at: string;
}

type GuardFailure = 'listing_outcomes_pending';
type Guard = (ctx: TransitionContext) => GuardFailure | null;

// Preconditions beyond the table. A decision is one statement of reasons per
// listing (MISSION item 12), so it can only be taken once every listing has
// its own outcome — and a complaint with no listing outcomes has nothing decided.
const GUARDS: { readonly [E in ComplaintEvent]?: Guard } = {
  decide: (ctx) => {
    const outcomes = ctx.listingOutcomes ?? [];
    return outcomes.length > 0 && !outcomes.includes('pending') ? null : 'listing_outcomes_pending';
  },
};

export function transition(
  state: ComplaintState,
  event: ComplaintEvent,
  ctx: TransitionContext = {},
): TransitionResult {
  const to = COMPLAINT_TRANSITIONS[state][event];
  if (to === undefined) return { ok: false, code: 'invalid_transition', from: state, event };
  const failed = GUARDS[event]?.(ctx) ?? null;
  if (failed !== null) return { ok: false, code: 'invalid_transition', from: state, event, guard: failed };
  return { ok: true, state: to };
}

/**
 * The events the table allows from `state`, in a stable order. Given a
 * context, events whose precondition fails are left out too — what a UI
 * should offer as buttons.
 */
export function allowedEvents(state: ComplaintState, ctx?: TransitionContext): ComplaintEvent[] {
  return COMPLAINT_EVENTS.filter((event) =>
    ctx === undefined ? COMPLAINT_TRANSITIONS[state][event] !== undefined : transition(state, event, ctx).ok,
  );
}
