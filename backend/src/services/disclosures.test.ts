import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { demoFiler, signIn, type Filer, type Staff } from '../testing/filing';
import { fileComplaint } from '../testing/review';
import { listDisclosuresForAdmin, recordDisclosure } from './disclosures';

describe('recordDisclosure', () => {
  let h: Harness;
  let owner: Filer;
  let seller: Staff;

  beforeAll(async () => {
    h = await createHarness({ writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 } });
    owner = await demoFiler(h);
    seller = await signIn(h, 'seller@demo.test');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('writes the row and its audit entry together, and neither when the disclosing transaction rolls back', async () => {
    const complaint = await fileComplaint(h, owner.token, { rightId: owner.rightId });
    const event = {
      at: Date.parse('2026-03-01T08:00:00Z'),
      recipient: seller.principal,
      complainantTenantId: owner.principal.tenant.id,
      complaintId: complaint.id,
      fields: ['legalName', 'email'] as const,
      legalBasis: 'handling_complaint' as const,
    };
    const counts = () => ({ disclosures: h.db.count('disclosures'), audit: h.db.count('audit_log') });
    const before = counts();
    await expect(
      h.runtime.store.transaction(async (tx) => {
        await recordDisclosure(tx, event);
        throw new Error('the response could not be built');
      }),
    ).rejects.toThrow('the response could not be built');
    expect(counts()).toEqual(before);

    const id = await h.runtime.store.transaction((tx) => recordDisclosure(tx, event));
    expect(counts()).toEqual({ disclosures: before.disclosures + 1, audit: before.audit + 1 });
    const list = await listDisclosuresForAdmin(h.runtime.store, owner.principal.tenant.id);
    expect(list.items).toEqual([
      {
        id,
        at: '2026-03-01T08:00:00.000Z',
        legalBasis: 'handling_complaint',
        fields: ['legalName', 'email'],
        complainantTenantId: owner.principal.tenant.id,
        complaintId: complaint.id,
        recipient: { tenantId: seller.principal.tenant.id, name: seller.principal.tenant.name },
        user: { id: seller.principal.user.id, email: 'seller@demo.test' },
      },
    ]);
  });
});
