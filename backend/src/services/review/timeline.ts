/**
 * A complaint's timeline (issue #5 part 7): its audit entries in chain
 * order, each checked against the chain — its own hash recomputed, and its
 * link to the entry before it — so the console can show a step as verified
 * or not without walking the whole log.
 */
import { isStaff, type JsonValue, type Timeline } from '@openipp/shared';
import { AppError } from '../../lib/app-error';
import type { Principal } from '../../lib/context';
import type { Store, SubjectAuditRow } from '../../store';
import { GENESIS_HASH, auditEntryHash } from '../audit';

/**
 * Entries that are the platform's own deliberation and not part of what the
 * complainant is told: a decision proposal awaiting its second look (marked
 * staffOnly in its payload), and a reviewer's abuse mark.
 */
const STAFF_ONLY_KINDS = new Set<string>(['abuse_mark']);

function entryVerified({ entry, predecessorHash }: SubjectAuditRow): boolean {
  const linked = entry.seq === 1 ? entry.prevHash === GENESIS_HASH : predecessorHash !== null && entry.prevHash === predecessorHash;
  if (!linked) return false;
  try {
    return auditEntryHash(entry) === entry.hash;
  } catch {
    return false;
  }
}

function payloadOf(text: string): Record<string, JsonValue> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, JsonValue>) : null;
  } catch {
    return null;
  }
}

/** The complainant's own complaint (their tenant's), or any complaint for staff; anyone else gets 404. */
export async function complaintTimeline(store: Store, principal: Principal, id: string): Promise<Timeline> {
  const staff = isStaff(principal.user.role);
  if (!staff && principal.tenant.kind !== 'rights_holder' && principal.tenant.kind !== 'agency') throw new AppError('not_found');
  const record = await store.findComplaint({ id, tenantId: staff ? null : principal.tenant.id });
  if (!record) throw new AppError('not_found');
  const rows = await store.auditEntriesFor(id);
  return {
    items: rows.flatMap((row) => {
      const payload = payloadOf(row.entry.payload);
      if (!staff && (STAFF_ONLY_KINDS.has(row.entry.kind) || payload?.staffOnly === true)) return [];
      return [
        {
          seq: row.entry.seq,
          at: new Date(row.entry.at).toISOString(),
          kind: row.entry.kind,
          actor: row.entry.actorId === null ? null : { id: row.entry.actorId, email: row.actorEmail ?? '' },
          payload: payload ?? {},
          hash: row.entry.hash,
          // A payload that no longer parses was altered: the hash check fails too, but say so regardless.
          verified: payload !== null && entryVerified(row),
        },
      ];
    }),
  };
}
