import { type AbuseKind, type ComplainantOverviewSchema, type Sanction, type SanctionKind } from '@openipp/shared';
import type { z } from 'zod';
import { AppError } from '../lib/app-error';
import type { Principal } from '../lib/context';
import { uuidv7 } from '../lib/crypto';
import { UniqueConstraintError, type SanctionRecord, type Store, type TenantRow } from '../store';
import { appendAudit } from './audit';
import { requireStaff, reviewedComplaint } from './review/claims';
import { complainantHistory, refreshComplainantRisk } from './review/risk';

/**
 * Abuse (issue #5, item 6; MISSION item 15): reviewers mark wrongful or
 * malicious complaints, admins see each complainant's abuse score and may
 * impose a sanction — enhanced review, or suspension of filing — and lift it,
 * each with its reason on the record.
 */

type ComplainantOverview = z.infer<typeof ComplainantOverviewSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

export interface AbuseMark {
  id: string;
  complaintId: string;
  kind: AbuseKind;
  note: string;
  markedAt: string;
  markedBy: { id: string; email: string };
}

function requireAdmin(principal: Principal): void {
  if (principal.user.role !== 'admin') throw new AppError('not_found');
}

const isComplainantTenant = (tenant: TenantRow | undefined): tenant is TenantRow => tenant?.kind === 'rights_holder' || tenant?.kind === 'agency';

export function toSanction({ sanction, imposedByEmail }: SanctionRecord): Sanction {
  return {
    id: sanction.id,
    kind: sanction.kind,
    reason: sanction.reason,
    imposedAt: iso(sanction.imposedAt),
    imposedBy: { id: sanction.imposedBy, email: imposedByEmail },
    liftedAt: sanction.liftedAt === null ? null : iso(sanction.liftedAt),
    liftReason: sanction.liftReason,
  };
}

// ---------------------------------------------------------------- abuse marks

/**
 * A reviewer's finding that a filed complaint was wrongful or malicious,
 * with a note; counted into the complainant's abuse score.
 */
export async function markAbuse(store: Store, actor: Principal, complaintId: string, body: { kind: AbuseKind; note: string }, now = Date.now()): Promise<AbuseMark> {
  requireStaff(actor);
  return store.transaction(async (tx) => {
    // A draft is its author's private work, absent to review: only filed complaints can be marked.
    const record = await reviewedComplaint(tx, complaintId);
    // A draft withdrawn before filing was never put to anyone either.
    if (record.complaint.submittedAt === null) throw new AppError('not_found');
    const id = uuidv7(now);
    const tenantId = record.complaint.tenantId;
    await tx.insertAbuseMark({ id, complaintId, tenantId, kind: body.kind, note: body.note, markedBy: actor.user.id, markedAt: now });
    await appendAudit(tx, {
      at: now,
      tenantId,
      actorId: actor.user.id,
      kind: 'abuse_mark',
      subjectId: complaintId,
      payload: { complaintId, markId: id, kind: body.kind, note: body.note },
    });
    await refreshComplainantRisk(tx, tenantId, now);
    return { id, complaintId, kind: body.kind, note: body.note, markedAt: iso(now), markedBy: { id: actor.user.id, email: actor.user.email } };
  });
}

// ---------------------------------------------------------------- sanctions

/** Imposes a sanction on a complaining tenant; one of each kind at a time (409 already_decided). */
export async function imposeSanction(
  store: Store,
  admin: Principal,
  tenantId: string,
  body: { kind: SanctionKind; reason: string },
  now = Date.now(),
): Promise<Sanction> {
  requireAdmin(admin);
  const id = uuidv7(now);
  try {
    await store.transaction(async (tx) => {
      if (!isComplainantTenant(await tx.findTenant(tenantId))) throw new AppError('not_found');
      await tx.insertSanction({ id, tenantId, kind: body.kind, reason: body.reason, imposedBy: admin.user.id, imposedAt: now });
      await appendAudit(tx, {
        at: now,
        tenantId,
        actorId: admin.user.id,
        kind: 'sanction',
        subjectId: id,
        payload: { sanctionId: id, tenantId, event: 'imposed', kind: body.kind, reason: body.reason },
      });
      await refreshComplainantRisk(tx, tenantId, now);
    });
  } catch (error) {
    // The partial unique index, not a prior read, decides: two admins racing cannot both impose one.
    if (error instanceof UniqueConstraintError) throw new AppError('already_decided', { detail: `a ${body.kind} sanction is already in force`, cause: error });
    throw error;
  }
  return sanctionById(store, tenantId, id);
}

/** Lifts a sanction in force, with the reason; a lifted one cannot be lifted again (409 already_decided). */
export async function liftSanction(store: Store, admin: Principal, tenantId: string, sanctionId: string, body: { reason: string }, now = Date.now()): Promise<Sanction> {
  requireAdmin(admin);
  await store.transaction(async (tx) => {
    const found = (await tx.listSanctions(tenantId)).find((record) => record.sanction.id === sanctionId);
    if (!found) throw new AppError('not_found');
    if ((await tx.liftSanction({ id: sanctionId, tenantId, at: now, by: admin.user.id, reason: body.reason })) === 0) {
      throw new AppError('already_decided', { detail: 'the sanction was already lifted' });
    }
    await appendAudit(tx, {
      at: now,
      tenantId,
      actorId: admin.user.id,
      kind: 'sanction',
      subjectId: sanctionId,
      payload: { sanctionId, tenantId, event: 'lifted', kind: found.sanction.kind, reason: body.reason },
    });
    await refreshComplainantRisk(tx, tenantId, now);
  });
  return sanctionById(store, tenantId, sanctionId);
}

async function sanctionById(store: Store, tenantId: string, id: string): Promise<Sanction> {
  const record = (await store.listSanctions(tenantId)).find((item) => item.sanction.id === id);
  if (!record) throw new Error(`sanction ${id} not readable after write`);
  return toSanction(record);
}

// ---------------------------------------------------------------- the overview

/**
 * Every complaining tenant with its record, abuse marks, score, risk and
 * sanctions, highest score first (then the riskier, then by name). For admins.
 */
export async function complainantsOverview(store: Store, admin: Principal): Promise<{ items: ComplainantOverview[] }> {
  requireAdmin(admin);
  const [tenants, sanctions] = await Promise.all([store.listComplainantTenants(), store.listAllSanctions()]);
  const byTenant = new Map<string, SanctionRecord[]>();
  for (const record of sanctions) byTenant.set(record.sanction.tenantId, [...(byTenant.get(record.sanction.tenantId) ?? []), record]);

  const items: ComplainantOverview[] = [];
  for (const tenant of tenants) {
    // The same score and level the queue and the evidence view show.
    const history = await complainantHistory(store, tenant.id);
    items.push({
      tenant: { id: tenant.id, name: tenant.name, kind: tenant.kind },
      stats: history.stats,
      abuse: history.abuse,
      risk: history.risk,
      sanctions: (byTenant.get(tenant.id) ?? []).map(toSanction),
    });
  }
  const riskOrder = { high: 0, medium: 1, low: 2 } as const;
  items.sort((a, b) => b.abuse.score - a.abuse.score || riskOrder[a.risk] - riskOrder[b.risk] || a.tenant.name.localeCompare(b.tenant.name) || a.tenant.id.localeCompare(b.tenant.id));
  return { items };
}
