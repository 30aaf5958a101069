import type { Role, TenantKind } from '@openipp/shared';
import { uuidv7 } from '../lib/crypto';
import type { Store } from '../store';
import { hashPassword } from './passwords';

export const DEMO_PASSWORD = 'demo-password-1';

interface DemoTenant {
  name: string;
  kind: TenantKind;
  users: Array<{ email: string; displayName: string; role: Role }>;
}

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    name: 'Demo Brand Co.',
    kind: 'rights_holder',
    users: [
      { email: 'owner@demo.test', displayName: 'Demo Owner', role: 'owner' },
      { email: 'monitor@demo.test', displayName: 'Demo Monitor', role: 'monitor' },
    ],
  },
  {
    name: 'OpenIPP Platform',
    kind: 'platform',
    users: [
      { email: 'reviewer@demo.test', displayName: 'Demo Reviewer', role: 'reviewer' },
      { email: 'admin@demo.test', displayName: 'Demo Admin', role: 'admin' },
    ],
  },
  {
    name: 'Demo Seller Shop',
    kind: 'seller',
    users: [{ email: 'seller@demo.test', displayName: 'Demo Seller', role: 'owner' }],
  },
];

export const DEMO_ACCOUNTS = DEMO_TENANTS.flatMap((tenant) => tenant.users.map((user) => ({ ...user, tenant: tenant.name })));

export class SeedRefusedError extends Error {
  constructor() {
    super('demo seed refused in production');
    this.name = 'SeedRefusedError';
  }
}

/**
 * Creates the demo tenants and accounts, only into an empty database, and
 * never in production: well-known passwords must not reach a real deployment.
 */
export async function seedDemo(store: Store, nodeEnv: string, now = Date.now()): Promise<'created' | 'skipped'> {
  if (nodeEnv === 'production') throw new SeedRefusedError();
  if ((await store.countUsers()) > 0) return 'skipped';
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return store.transaction(async (tx) => {
    // Re-checked under the write lock: two seeders racing must not both insert.
    if ((await tx.countUsers()) > 0) return 'skipped';
    for (const tenant of DEMO_TENANTS) {
      const tenantId = uuidv7(now);
      await tx.insertTenant({ id: tenantId, kind: tenant.kind, name: tenant.name, createdAt: now });
      for (const user of tenant.users) {
        await tx.insertUser({ id: uuidv7(now), tenantId, ...user, locale: 'zh-CN', passwordHash, createdAt: now });
      }
    }
    return 'created';
  });
}
