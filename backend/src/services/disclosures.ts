/**
 * Disclosure of complainants' personal data (MISSION item 13, issue #6 part 2).
 * Whatever shows or sends a complainant's details to someone else records it
 * here, in the same transaction as the read or the send: a row per
 * disclosure (who received it, which fields, about whom, to whom, when, the
 * legal basis) and an audit entry of kind `disclosure`, so the log is both
 * listable per complainant and tamper-evident.
 */
import {
  type ComplainantField,
  type DisclosureLegalBasis,
  type DisclosureList,
} from '@openipp/shared';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import type { Store, StoreTransaction } from '../store';
import { appendAudit } from './audit';

const iso = (ms: number) => new Date(ms).toISOString();
/** Admins read one complainant's log at a time; this bounds one answer. */
export const DISCLOSURE_LIST_LIMIT = 1_000;

export interface DisclosureEvent {
  at: number;
  /** The user the data is shown or sent to, and its tenant. */
  recipient: Pick<Principal, 'user' | 'tenant'>;
  complainantTenantId: string;
  complaintId: string;
  fields: readonly ComplainantField[];
  legalBasis: DisclosureLegalBasis;
}

/** Records one disclosure and its audit entry; returns the disclosure id. Call inside the transaction that discloses. */
export async function recordDisclosure(tx: StoreTransaction, event: DisclosureEvent): Promise<string> {
  const id = uuidv7(event.at);
  const fields = [...event.fields];
  await tx.insertDisclosure({
    id,
    at: event.at,
    complainantTenantId: event.complainantTenantId,
    complaintId: event.complaintId,
    recipientTenantId: event.recipient.tenant.id,
    recipientUserId: event.recipient.user.id,
    fields,
    legalBasis: event.legalBasis,
  });
  await appendAudit(tx, {
    at: event.at,
    // The entry belongs to the complainant whose data left: its log is the one an admin reads.
    tenantId: event.complainantTenantId,
    actorId: event.recipient.user.id,
    kind: 'disclosure',
    // The disclosure, not the complaint: the complainant's timeline must not name the seller.
    subjectId: id,
    payload: {
      disclosureId: id,
      complaintId: event.complaintId,
      recipientTenantId: event.recipient.tenant.id,
      fields,
      legalBasis: event.legalBasis,
    },
  });
  return id;
}

/** GET /api/admin/disclosures?complainant= — one complainant's disclosures, newest first. */
export async function listDisclosuresForAdmin(store: Store, complainantTenantId: string): Promise<DisclosureList> {
  const rows = await store.listDisclosures({ complainantTenantId, limit: DISCLOSURE_LIST_LIMIT });
  return {
    items: rows.map(({ disclosure, recipientName, userEmail }) => ({
      id: disclosure.id,
      at: iso(disclosure.at),
      legalBasis: disclosure.legalBasis,
      fields: disclosure.fields,
      complainantTenantId: disclosure.complainantTenantId,
      complaintId: disclosure.complaintId,
      recipient: { tenantId: disclosure.recipientTenantId, name: recipientName },
      user: { id: disclosure.recipientUserId, email: userEmail },
    })),
  };
}
