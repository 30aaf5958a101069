import type { DecisionSchema, Principal as PrincipalInfo, TenantProfile, VerificationDecisionRequest, VerificationQueue } from '@openipp/shared';
import type { z } from 'zod';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import type { PrincipalRecord, Store, TenantRow } from '../store';
import { identityStatusOf } from './auth';
import { toDocumentInfo } from './documents';
import { notify } from './notices';

const iso = (ms: number) => new Date(ms).toISOString();
type Decision = z.infer<typeof DecisionSchema>;

/**
 * Filing (complaints, from issue #4 on) needs a tenant whose identity staff
 * have approved; signing in and everything else does not. The platform's own
 * tenant counts as approved.
 */
export function requireVerifiedIdentity(principal: Pick<Principal, 'tenant'>): void {
  if (principal.tenant.kind === 'platform') return;
  if (principal.tenant.identityStatus !== 'approved') throw new AppError('identity_not_verified');
}

function identityOf(tenant: TenantRow) {
  if (tenant.entityKind === null || tenant.legalName === null || tenant.country === null || tenant.registrationNumber === null) return null;
  return { entityKind: tenant.entityKind, legalName: tenant.legalName, country: tenant.country, registrationNumber: tenant.registrationNumber };
}

function tenantDecision(tenant: TenantRow): Decision {
  return {
    status: identityStatusOf(tenant),
    decidedAt: tenant.identityDecidedAt === null ? null : iso(tenant.identityDecidedAt),
    reasons: tenant.identityReasons,
  };
}

export async function tenantProfile(store: Store, principal: Principal): Promise<TenantProfile> {
  const tenant = await store.findTenant(principal.tenant.id);
  if (!tenant) throw new AppError('not_found');
  const documents = await store.listIdentityDocuments(tenant.id);
  return {
    id: tenant.id,
    name: tenant.name,
    kind: tenant.kind,
    identity: identityOf(tenant),
    verification: tenantDecision(tenant),
    documents: documents.map(toDocumentInfo),
    createdAt: iso(tenant.createdAt),
  };
}

export function toPrincipalInfo({ principal, document }: PrincipalRecord): PrincipalInfo {
  return {
    id: principal.id,
    identity: {
      entityKind: principal.entityKind,
      legalName: principal.legalName,
      country: principal.country,
      registrationNumber: principal.registrationNumber,
    },
    authority: {
      status: principal.authorityStatus,
      decidedAt: principal.decidedAt === null ? null : iso(principal.decidedAt),
      reasons: principal.reasons,
    },
    letterOfAuthority: toDocumentInfo(document),
    createdAt: iso(principal.createdAt),
  };
}

/** What staff have to decide, oldest first. */
export async function verificationQueue(store: Store): Promise<VerificationQueue> {
  const [pendingTenants, pendingPrincipals] = await Promise.all([store.listPendingTenants(), store.listPendingPrincipals()]);
  const tenants: VerificationQueue['tenants'] = [];
  for (const { tenant, ownerEmail, emailVerified } of pendingTenants) {
    const identity = identityOf(tenant);
    if (!identity || tenant.kind === 'platform') continue;
    tenants.push({
      id: tenant.id,
      name: tenant.name,
      kind: tenant.kind,
      identity,
      ownerEmail,
      emailVerified,
      documents: (await store.listIdentityDocuments(tenant.id)).map(toDocumentInfo),
      createdAt: iso(tenant.createdAt),
    });
  }
  return {
    tenants,
    principals: pendingPrincipals.map((record) => ({ ...toPrincipalInfo(record), agency: { id: record.agency.id, name: record.agency.name } })),
  };
}

const outcome = (request: VerificationDecisionRequest) => (request.decision === 'approve' ? 'approved' : 'rejected') as 'approved' | 'rejected';
const reasonsOf = (request: VerificationDecisionRequest) => (request.reasons ? request.reasons : null);

/**
 * Approves or rejects a registered tenant's identity, once. The owner is
 * told by a notice sent in the same transaction as the decision.
 */
export async function decideTenant(store: Store, adminId: string, tenantId: string, request: VerificationDecisionRequest, now = Date.now()): Promise<Decision> {
  return store.transaction(async (tx) => {
    const tenant = await tx.findTenant(tenantId);
    if (!tenant || tenant.kind === 'platform') throw new AppError('not_found');
    const status = outcome(request);
    const reasons = reasonsOf(request);
    if ((await tx.decideTenantIdentity({ tenantId, status, at: now, by: adminId, reasons })) === 0) throw new AppError('already_decided');
    const owner = await tx.findTenantOwner(tenantId);
    if (owner) {
      const recipient = { userId: owner.id };
      if (status === 'approved') await notify(tx, { kind: 'identity_decision_approved', recipient, subjectId: tenantId, params: { tenantName: tenant.name } }, now);
      else await notify(tx, { kind: 'identity_decision_rejected', recipient, subjectId: tenantId, params: { tenantName: tenant.name, reasons: reasons ?? '' } }, now);
    }
    return { status, decidedAt: iso(now), reasons };
  });
}

/** The same for an agency's letter of authority for one principal; the agency's owner is told. */
export async function decidePrincipal(store: Store, adminId: string, principalId: string, request: VerificationDecisionRequest, now = Date.now()): Promise<Decision> {
  return store.transaction(async (tx) => {
    const record = await tx.findPrincipal(principalId);
    if (!record) throw new AppError('not_found');
    const status = outcome(request);
    const reasons = reasonsOf(request);
    if ((await tx.decidePrincipalAuthority({ principalId, status, at: now, by: adminId, reasons })) === 0) throw new AppError('already_decided');
    const owner = await tx.findTenantOwner(record.agency.id);
    const principalName = record.principal.legalName;
    if (owner) {
      const recipient = { userId: owner.id };
      if (status === 'approved') await notify(tx, { kind: 'principal_decision_approved', recipient, subjectId: principalId, params: { principalName } }, now);
      else await notify(tx, { kind: 'principal_decision_rejected', recipient, subjectId: principalId, params: { principalName, reasons: reasons ?? '' } }, now);
    }
    return { status, decidedAt: iso(now), reasons };
  });
}
