import {
  ABUSE_KINDS,
  COMPLAINT_EVENTS,
  COMPLAINT_STATES,
  DEFICIENCY_CODES,
  LISTING_MEASURES,
  LISTING_OUTCOMES,
  SANCTION_KINDS,
} from '@openipp/shared';

/**
 * A readable summary of an audit entry's payload. Payloads differ by kind and
 * grow with the platform, so this knows the common fields and their codes and
 * shows anything else as it is, rather than hiding what the record says.
 */

/** Fields with a label of their own (console `timeline.fields.<name>`), in the order they are shown. */
export const TIMELINE_FIELDS = [
  'from',
  'to',
  'event',
  'stage',
  'outcome',
  'decision',
  'kind',
  'deficiencies',
  'deadline',
  'statement',
  'message',
  'reason',
  'reasons',
  'note',
  'listings',
  'captureIds',
  'documents',
  'url',
  'sha256',
] as const;
export type TimelineField = (typeof TIMELINE_FIELDS)[number];

/** Steps of a request for material and of a sanction, as entries name them in `event`. */
export const STEP_EVENTS = ['requested', 'answered', 'expired', 'imposed', 'lifted'] as const;
/** A decision entry is final, or (enhanced review) a proposal awaiting a second reviewer. */
export const DECISION_STAGES = ['final', 'proposed'] as const;

/**
 * Internal references that mean nothing to a reader: the ids of the records
 * involved (the timeline is already the complaint's) and bookkeeping flags.
 * A listing's id inside a decision stays: it says which listing.
 */
const hidden = (key: string, nested: boolean): boolean =>
  nested ? key === 'id' || key === 'sha256' || (key.endsWith('Id') && key !== 'listingId') : key.endsWith('Id') || key === 'staffOnly' || key === 'supersedes' || key === 'proposedBy';
const MAX_TEXT = 280;
const MAX_ITEMS = 5;

/** How a code is put into words: the namespace-qualified key of each vocabulary. */
export type CodeText =
  | { vocabulary: 'state'; code: (typeof COMPLAINT_STATES)[number] }
  | { vocabulary: 'event'; code: (typeof COMPLAINT_EVENTS)[number] }
  | { vocabulary: 'step'; code: (typeof STEP_EVENTS)[number] }
  | { vocabulary: 'stage'; code: (typeof DECISION_STAGES)[number] }
  | { vocabulary: 'measure'; code: (typeof LISTING_MEASURES)[number] }
  | { vocabulary: 'outcome'; code: (typeof LISTING_OUTCOMES)[number] }
  | { vocabulary: 'deficiency'; code: (typeof DEFICIENCY_CODES)[number] }
  | { vocabulary: 'sanction'; code: (typeof SANCTION_KINDS)[number] }
  | { vocabulary: 'abuse'; code: (typeof ABUSE_KINDS)[number] };

function codeOf(field: string, value: string): CodeText | undefined {
  const find = <T extends string>(list: readonly T[]) => list.find((code) => code === value);
  switch (field) {
    case 'from':
    case 'to':
    case 'state': {
      const code = find(COMPLAINT_STATES);
      return code && { vocabulary: 'state', code };
    }
    case 'event': {
      const code = find(COMPLAINT_EVENTS);
      if (code) return { vocabulary: 'event', code };
      const step = find(STEP_EVENTS);
      return step && { vocabulary: 'step', code: step };
    }
    case 'stage': {
      const code = find(DECISION_STAGES);
      return code && { vocabulary: 'stage', code };
    }
    case 'measure': {
      const code = find(LISTING_MEASURES);
      return code && { vocabulary: 'measure', code };
    }
    case 'outcome':
    case 'decision': {
      const code = find(LISTING_OUTCOMES);
      return code && { vocabulary: 'outcome', code };
    }
    case 'deficiencies': {
      const code = find(DEFICIENCY_CODES);
      return code && { vocabulary: 'deficiency', code };
    }
    case 'kind': {
      const sanction = find(SANCTION_KINDS);
      if (sanction) return { vocabulary: 'sanction', code: sanction };
      const abuse = find(ABUSE_KINDS);
      return abuse && { vocabulary: 'abuse', code: abuse };
    }
    default:
      return undefined;
  }
}

export interface PayloadLine {
  /** A known field (labelled), or the payload's own key. */
  field: TimelineField | string;
  known: boolean;
  value: string;
}

export interface PayloadText {
  /** A recognised code in words. */
  words: (code: CodeText) => string;
  /** "and N more", for a long list cut short. */
  more: (count: number) => string;
  /** A listing of this complaint by its number ("Listing 2"); undefined for an id it does not hold. */
  listing: (id: string) => string | undefined;
  /** An instant (a deadline, a time something happened) in the reader's words. */
  when: (iso: string) => string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const isInstantField = (field: string) => field === 'deadline' || field.endsWith('At');

// Inside a record (one listing's decision), which listing first, then what was decided; the rest as stored.
const NESTED_ORDER = ['listingId', 'outcome', 'measure', 'statement'];
const nestedRank = (key: string): number => {
  const rank = NESTED_ORDER.indexOf(key);
  return rank === -1 ? NESTED_ORDER.length : rank;
};

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * The payload as lines of "field: value": recognised codes and listings in
 * words, other values as recorded, long texts clipped and long lists counted.
 */
export function payloadLines(payload: Readonly<Record<string, unknown>>, text: PayloadText): PayloadLine[] {
  const { words, more, listing, when } = text;
  const value = (field: string, raw: unknown): string | undefined => {
    if (raw === null || raw === undefined || raw === '') return undefined;
    if (typeof raw === 'string') {
      if (field === 'listingId') return listing(raw) ?? raw;
      if (isInstantField(field) && ISO_INSTANT.test(raw)) return when(raw);
      const code = codeOf(field, raw);
      return code ? words(code) : clip(raw);
    }
    if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
    if (Array.isArray(raw)) {
      const shown = raw.slice(0, MAX_ITEMS).map((item) => value(field, item)).filter((item): item is string => item !== undefined);
      if (raw.length > MAX_ITEMS) shown.push(more(raw.length - MAX_ITEMS));
      return shown.length === 0 ? undefined : shown.join(field === 'listings' || field === 'documents' ? ' | ' : ', ');
    }
    if (typeof raw === 'object') {
      // A nested record (one listing's decision, an actor): its values in order, codes in words.
      const parts = Object.entries(raw as Record<string, unknown>)
        .filter(([key]) => !hidden(key, true))
        .sort(([a], [b]) => nestedRank(a) - nestedRank(b))
        .map(([key, inner]) => value(key, inner))
        .filter((item): item is string => item !== undefined);
      return parts.length === 0 ? undefined : clip(parts.join(' · '));
    }
    return undefined;
  };

  const known = (key: string): key is TimelineField => (TIMELINE_FIELDS as readonly string[]).includes(key);
  const keys = Object.keys(payload).filter((key) => !hidden(key, false));
  const ordered = [...TIMELINE_FIELDS.filter((field) => keys.includes(field)), ...keys.filter((key) => !known(key)).sort()];
  const lines: PayloadLine[] = [];
  for (const field of ordered) {
    const shown = value(field, payload[field]);
    if (shown !== undefined) lines.push({ field, known: known(field), value: shown });
  }
  return lines;
}
