import {
  RIGHT_PROOFS_MAX,
  RIGHT_PROOFS_MIN,
  RightDataSchema,
  isStaff,
  normalizeRegistrationNumber,
  type AdminRightList,
  type ComplaintRight,
  type Right,
  type RightData,
  type RightDecision,
  type RightStatus,
  type VerificationDecisionRequest,
} from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import { UniqueConstraintError, type RightProofRow, type RightRecord, type RightRow, type Store, type StoreTx } from '../store';
import { appendAudit } from './audit';
import { notify } from './notices';
import { readBlob } from './captures';
import { checkDocument, fileParts, jsonField, rejectUnexpectedFields, type CheckedDocument } from './documents';

const iso = (ms: number) => new Date(ms).toISOString();
const DAY_MS = 24 * 60 * 60 * 1000;
/** Owners are reminded this many days before a right's last valid day. */
export const RIGHT_REMINDER_DAYS = 30;

/**
 * Rights support complaints, so only tenants that file them keep a
 * portfolio: rights holders and agencies. To sellers and the platform the
 * routes are absent (404), like staff routes are to customers.
 */
export function requireRightsTenant(principal: Principal): void {
  if (principal.tenant.kind !== 'rights_holder' && principal.tenant.kind !== 'agency') throw new AppError('not_found');
}

export interface RightUpload {
  data: RightData;
  proofs: CheckedDocument[];
}

export async function parseRight(form: FormData): Promise<RightUpload> {
  rejectUnexpectedFields(form, ['data', 'proof']);
  const data = await jsonField(form, 'data', RightDataSchema);
  const files = await fileParts(form, 'proof', RIGHT_PROOFS_MIN, RIGHT_PROOFS_MAX);
  const proofs: CheckedDocument[] = [];
  for (const file of files) proofs.push(await checkDocument(file));
  return { data, proofs };
}

function toProof(row: RightProofRow): Right['proofs'][number] {
  return { id: row.id, fileName: row.fileName, mime: row.mime, bytes: row.bytes, sha256: row.sha256, uploadedAt: iso(row.uploadedAt) };
}

export function toRight({ right, principalName, proofs }: RightRecord): Right {
  return {
    id: right.id,
    type: right.type,
    registrationNumber: right.registrationNumber,
    territories: right.territories,
    principal: right.principalId === null ? null : { id: right.principalId, legalName: principalName ?? '' },
    niceClasses: right.niceClasses,
    scope: right.scope,
    validFrom: right.validFrom,
    validUntil: right.validUntil,
    verification: { status: right.status, decidedAt: right.decidedAt === null ? null : iso(right.decidedAt), reasons: right.reasons },
    proofs: proofs.map(toProof),
    createdAt: iso(right.createdAt),
  };
}

/** The right as the shared qualification rules see it (ComplaintDraft.right). */
export function rightForQualification(row: Pick<RightRow, 'id' | 'type' | 'status' | 'validFrom' | 'validUntil' | 'territories'>): ComplaintRight {
  return { id: row.id, type: row.type, status: row.status, validFrom: row.validFrom, validUntil: row.validUntil, territories: [...row.territories] };
}

/**
 * The owner named in the data: an agency may record a right for one of its
 * principals, and only once staff have approved the letter of authority for
 * it. Another tenant's principal, or any principal named by a non-agency, is
 * indistinguishable from a missing one.
 */
async function checkOwner(tx: StoreTx, principal: Principal, principalId: string | undefined): Promise<string | null> {
  if (principalId === undefined) return null;
  if (principal.tenant.kind !== 'agency') throw new AppError('not_found', { detail: 'principalId' });
  const record = (await tx.listPrincipals(principal.tenant.id)).find((item) => item.principal.id === principalId);
  if (!record) throw new AppError('not_found', { detail: 'principalId' });
  if (record.principal.authorityStatus !== 'approved') throw new AppError('principal_not_approved');
  return record.principal.id;
}

/** Records a right with its proofs, pending staff verification, in one transaction. */
export async function addRight(deps: { store: Store; blobs: BlobStore }, principal: Principal, upload: RightUpload, now = Date.now()): Promise<Right> {
  const id = uuidv7(now);
  const { data } = upload;
  const tenantId = principal.tenant.id;
  try {
    await deps.store.transaction(async (tx) => {
      const principalId = await checkOwner(tx, principal, data.principalId);
      await tx.insertRight({
        id,
        tenantId,
        principalId,
        type: data.type,
        registrationNumber: data.registrationNumber,
        registrationKey: normalizeRegistrationNumber(data.registrationNumber),
        territories: data.territories,
        niceClasses: data.niceClasses ?? [],
        scope: data.scope ?? null,
        validFrom: data.validFrom,
        validUntil: data.validUntil,
        status: 'pending',
        createdAt: now,
        createdBy: principal.user.id,
      });
      for (const [position, proof] of upload.proofs.entries()) {
        // Content-addressed: a blob left by a rolled-back transaction is unreferenced, never wrong.
        await deps.blobs.put(proof.bytes);
        await tx.insertRightProof({
          id: uuidv7(now),
          rightId: id,
          position,
          tenantId,
          fileName: proof.fileName,
          mime: proof.mime,
          bytes: proof.bytes.byteLength,
          sha256: proof.sha256,
          uploadedAt: now,
          uploadedBy: principal.user.id,
        });
      }
    });
  } catch (error) {
    // The unique index, not a prior read, decides: two filings racing each other cannot both land.
    if (error instanceof UniqueConstraintError) throw new AppError('right_already_registered', { cause: error });
    throw error;
  }
  return getRight(deps.store, principal, id);
}

export async function listRights(store: Store, principal: Principal): Promise<Right[]> {
  return (await store.listRights(principal.tenant.id)).map(toRight);
}

/** Tenant AND id: another tenant's right is a 404. */
export async function getRight(store: Store, principal: Principal, id: string): Promise<Right> {
  const record = await store.findRight({ id, tenantId: principal.tenant.id });
  if (!record) throw new AppError('not_found');
  return toRight(record);
}

/** A proof's original bytes, for its tenant and for platform staff; anyone else gets 404. */
export async function readRightProof(
  deps: { store: Store; blobs: BlobStore },
  principal: Principal,
  rightId: string,
  id: string,
): Promise<{ row: RightProofRow; bytes: Uint8Array<ArrayBuffer> }> {
  const staff = isStaff(principal.user.role);
  if (!staff) requireRightsTenant(principal);
  const row = await deps.store.findRightProof({ rightId, id, tenantId: staff ? null : principal.tenant.id });
  if (!row) throw new AppError('not_found');
  return { row, bytes: await readBlob(deps.blobs, row.sha256) };
}

export async function listRightsForAdmin(store: Store, status: RightStatus | undefined): Promise<AdminRightList> {
  const records = await store.listRightsByStatus(status ?? null);
  return { items: records.map((record) => ({ ...toRight(record), tenant: { id: record.right.tenantId, name: record.tenantName } })) };
}

/**
 * Verifies or rejects a right, once. The tenant's owner is told by a notice
 * sent in the same transaction as the decision.
 */
export async function decideRight(store: Store, adminId: string, rightId: string, request: VerificationDecisionRequest, now = Date.now()): Promise<RightDecision> {
  return store.transaction(async (tx) => {
    const record = await tx.findRight({ id: rightId, tenantId: null });
    if (!record) throw new AppError('not_found');
    const status = request.decision === 'approve' ? 'verified' : 'rejected';
    const reasons = request.reasons ? request.reasons : null;
    if ((await tx.decideRight({ rightId, status, at: now, by: adminId, reasons })) === 0) throw new AppError('already_decided');
    await appendAudit(tx, {
      at: now,
      tenantId: record.right.tenantId,
      actorId: adminId,
      kind: 'right_decided',
      subjectId: rightId,
      payload: { rightId, decision: status, reasons },
    });
    const owner = await tx.findTenantOwner(record.right.tenantId);
    if (owner) {
      const { registrationNumber, type: rightType } = record.right;
      const recipient = { userId: owner.id };
      if (status === 'verified') await notify(tx, { kind: 'right_verified', recipient, subjectId: rightId, params: { registrationNumber, rightType } }, now);
      else await notify(tx, { kind: 'right_rejected', recipient, subjectId: rightId, params: { registrationNumber, rightType, reasons: reasons ?? '' } }, now);
    }
    return { status, decidedAt: iso(now), reasons };
  });
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * One notice to each owner of the tenant, for every verified right
 * whose last valid day falls within the next RIGHT_REMINDER_DAYS days and
 * that has not been reminded yet. Claiming and notifying share one
 * transaction, so a reminder is sent once even with two processes running
 * this at the same time, and a crash sends none rather than half.
 * Returns how many rights were reminded.
 */
export async function remindExpiringRights(store: Store, now = Date.now()): Promise<number> {
  return store.transaction(async (tx) => {
    const claimed = await tx.claimExpiringRights({ from: utcDay(now), until: utcDay(now + RIGHT_REMINDER_DAYS * DAY_MS), at: now });
    for (const right of claimed) {
      for (const user of await tx.listTenantUsers(right.tenantId)) {
        if (user.role !== 'owner' || user.frozenAt !== null) continue;
        await notify(
          tx,
          {
            kind: 'right_expiring',
            recipient: { userId: user.id },
            subjectId: right.id,
            params: { registrationNumber: right.registrationNumber, rightType: right.type, validUntil: right.validUntil },
          },
          now,
        );
      }
    }
    return claimed.length;
  });
}
