import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChild } from '../testing/child';
import { createHarness, type Harness } from '../testing/harness';
import { demoFiler, signIn, type Filer, type Staff } from '../testing/filing';
import { imposeSanction, liftSanction } from './sanctions';

let h: Harness;
let owner: Filer;
let admin: Staff;
let reviewer: Staff;

beforeAll(async () => {
  h = await createHarness();
  owner = await demoFiler(h);
  admin = await signIn(h, 'admin@demo.test');
  reviewer = await signIn(h, 'reviewer@demo.test');
});
afterAll(() => h.close());

describe('imposeSanction', () => {
  it('lets exactly one of two admins racing from two backend processes impose the same sanction', async () => {
    const auditBefore = h.db.count('audit_log');
    const race = `
      const { openStore } = await import('./src/store/index.ts');
      const { imposeSanction } = await import('./src/services/sanctions.ts');
      const store = openStore(process.env.DATA_DIR);
      const admin = { user: { id: process.env.ADMIN_ID, role: 'admin' } };
      const outcome = await imposeSanction(store, admin, process.env.TENANT_ID, { kind: 'enhanced_review', reason: process.env.REASON }).then(
        (sanction) => 'imposed ' + sanction.id,
        (error) => 'refused ' + error.code,
      );
      await store.close();
      process.stdout.write(outcome);`;
    const env = (reason: string) => ({ DATA_DIR: h.dataDir, ADMIN_ID: admin.principal.user.id, TENANT_ID: owner.principal.tenant.id, REASON: reason });
    const outcomes = await Promise.all([runInChild(race, env('First admin.')), runInChild(race, env('Second admin.'))]);
    expect(outcomes.map((outcome) => outcome.split(' ')[0]).sort()).toEqual(['imposed', 'refused']);
    expect(outcomes.find((outcome) => outcome.startsWith('refused'))).toBe('refused already_decided');
    const live = await h.runtime.store.liveSanction(owner.principal.tenant.id, 'enhanced_review');
    expect(outcomes).toContain(`imposed ${live!.id}`);
    expect(h.db.count('sanctions', "tenant_id = ? and kind = 'enhanced_review' and lifted_at is null", owner.principal.tenant.id)).toBe(1);
    expect(h.db.count('audit_log', "seq > ? and kind = 'sanction'", auditBefore)).toBe(1);
  });

  it('is for admins only: to a reviewer the sanction routes are absent', async () => {
    await expect(imposeSanction(h.runtime.store, reviewer.principal, owner.principal.tenant.id, { kind: 'filing_suspended', reason: 'No.' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const live = await h.runtime.store.liveSanction(owner.principal.tenant.id, 'enhanced_review');
    await expect(liftSanction(h.runtime.store, reviewer.principal, owner.principal.tenant.id, live!.id, { reason: 'No.' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await h.runtime.store.liveSanction(owner.principal.tenant.id, 'filing_suspended')).toBeUndefined();
    expect((await h.runtime.store.liveSanction(owner.principal.tenant.id, 'enhanced_review'))?.id).toBe(live!.id);
  });
});
