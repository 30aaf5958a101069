import { PrincipalDataSchema, entityKey, type Principal as PrincipalInfo } from '@openipp/shared';
import type { BlobStore } from '../blobs';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import type { Store } from '../store';
import { checkDocument, fileParts, jsonField, rejectUnexpectedFields, type CheckedDocument } from './documents';
import { conflictFor, storeDocuments } from './registration';
import { toPrincipalInfo } from './verification';

/**
 * Principals exist only for agencies: to anyone else the routes are absent
 * (404), like staff routes are to customers. Within an agency every user may
 * read them; only the owner adds one (403 forbidden for a monitor).
 */
export function requireAgency(principal: Principal, options: { ownerOnly?: boolean } = {}): void {
  if (principal.tenant.kind !== 'agency') throw new AppError('not_found');
  if (options.ownerOnly && principal.user.role !== 'owner') throw new AppError('forbidden');
}

export interface PrincipalUpload {
  identity: ReturnType<typeof PrincipalDataSchema.parse>;
  authority: CheckedDocument;
}

export async function parsePrincipal(form: FormData): Promise<PrincipalUpload> {
  rejectUnexpectedFields(form, ['data', 'authority']);
  const identity = await jsonField(form, 'data', PrincipalDataSchema);
  const [file] = await fileParts(form, 'authority', 1, 1);
  return { identity, authority: await checkDocument(file!) };
}

/** Adds a principal with its letter of authority (pending staff verification); unique per agency. */
export async function addPrincipal(deps: { store: Store; blobs: BlobStore }, principal: Principal, upload: PrincipalUpload, now = Date.now()): Promise<PrincipalInfo> {
  const id = uuidv7(now);
  const { identity } = upload;
  try {
    await deps.store.transaction(async (tx) => {
      await tx.insertPrincipal({
        id,
        agencyTenantId: principal.tenant.id,
        entityKind: identity.entityKind,
        legalName: identity.legalName,
        country: identity.country,
        registrationNumber: identity.registrationNumber,
        entityKey: entityKey(identity),
        authorityStatus: 'pending',
        createdAt: now,
        createdBy: principal.user.id,
      });
      await storeDocuments(tx, deps.blobs, [upload.authority], { tenantId: principal.tenant.id, uploadedBy: principal.user.id, purpose: 'letter_of_authority', principalId: id }, now);
    });
  } catch (error) {
    throw conflictFor(error) ?? error;
  }
  const record = await deps.store.findPrincipal(id);
  if (!record) throw new Error('principal not readable after insert');
  return toPrincipalInfo(record);
}

export async function listPrincipals(store: Store, principal: Principal): Promise<PrincipalInfo[]> {
  return (await store.listPrincipals(principal.tenant.id)).map(toPrincipalInfo);
}
