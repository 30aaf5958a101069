/**
 * Request budgets per user and per client address (MISSION item 21: no
 * robots or spiders, no bulk export). Writes and list routes are counted in
 * the database through services/rate-limit, so every process serving the
 * same database spends from the same budget. Logins are throttled in
 * services/auth, registrations in services/registration.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppConfig } from '../env';
import { clientIp } from '../lib/client-info';
import type { AppEnv, Principal } from '../lib/context';
import type { AppDeps } from '../lib/deps';
import { consumeBudgets, IP_BUDGET_FACTOR } from '../services/rate-limit';

/**
 * GET routes that answer a page, or the whole set, of records: the shape a
 * scraper walks. rate-limit.test.ts derives the same set from the OpenAPI
 * document (GET, no path parameter, an array in the answer or a `limit`
 * parameter) and fails when a new list route is missing here.
 */
export const LIST_ROUTES: ReadonlySet<string> = new Set([
  '/api/account/logins',
  '/api/admin/agreements',
  '/api/admin/complainants',
  '/api/admin/deliveries',
  '/api/admin/disclosures',
  '/api/admin/notices',
  '/api/admin/rights',
  '/api/admin/shops',
  '/api/admin/users',
  '/api/admin/verifications',
  '/api/captures',
  '/api/complaints',
  '/api/messages',
  '/api/principals',
  '/api/review/queue',
  '/api/review/restore-due',
  '/api/rights',
  '/api/sessions',
  '/api/seller/complaints',
  '/api/shops',
  '/api/sync/changes',
  '/api/tenant/users',
]);

export function isListRequest(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && LIST_ROUTES.has(path);
}

export function writeBudgetPerIp(limits: AppConfig['writeRateLimit']): number {
  return limits.maxPerIp ?? limits.maxPerWindow * IP_BUDGET_FACTOR;
}

export function listBudgetPerIp(limits: AppConfig['listRateLimit']): number {
  return limits.maxPerIp ?? limits.maxPerUser * IP_BUDGET_FACTOR;
}

/** Both the user's and the address's list budget. Called by requireAuth once the principal is known. */
export async function consumeListBudget(c: Context, deps: AppDeps, principal: Principal): Promise<void> {
  const limits = deps.config.listRateLimit;
  const ip = clientIp(c, deps.config.trustProxy);
  await consumeBudgets(
    deps.store,
    [
      { key: `list:user:${principal.user.id}`, max: limits.maxPerUser },
      { key: `list:ip:${ip}`, max: listBudgetPerIp(limits) },
    ],
    limits.windowSeconds,
  );
}

/** Per-user and per-address write budget, counted in the database. Must run after requireAuth. */
export function writeRateLimit(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limits = deps.config.writeRateLimit;
    const ip = clientIp(c, deps.config.trustProxy);
    await consumeBudgets(
      deps.store,
      [
        { key: `write:user:${c.get('principal').user.id}`, max: limits.maxPerWindow },
        { key: `write:ip:${ip}`, max: writeBudgetPerIp(limits) },
      ],
      limits.windowSeconds,
    );
    await next();
  };
}
