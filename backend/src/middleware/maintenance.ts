import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/app-error';
import type { AppEnv } from '../lib/context';
import type { AppDeps } from '../lib/deps';
import { platformStatus } from '../services/maintenance';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes that keep working during maintenance: signing in and out, accepting
 * the agreement (or nobody could get past the gate to read), the switch
 * that ends maintenance, and freezing an account after unauthorised use.
 */
const MAINTENANCE_ALLOW_LIST: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: 'POST', path: /^\/api\/auth\/login\/?$/ },
  { method: 'POST', path: /^\/api\/auth\/logout\/?$/ },
  { method: 'POST', path: /^\/api\/agreements\/[^/]+\/accept\/?$/ },
  { method: 'PUT', path: /^\/api\/admin\/maintenance\/?$/ },
  // Freezing a misused account is a security measure; it cannot wait for maintenance.
  { method: 'POST', path: /^\/api\/account\/report-compromise\/?$/ },
  // The same, from the link in a new-device sign-in e-mail.
  { method: 'POST', path: /^\/api\/auth\/freeze-by-link\/?$/ },
];

export function maintenanceAllows(method: string, path: string): boolean {
  const upper = method.toUpperCase();
  if (!WRITE_METHODS.has(upper)) return true;
  return MAINTENANCE_ALLOW_LIST.some((entry) => entry.method === upper && entry.path.test(path));
}

/** While maintenance is on, writes answer 503 maintenance with Retry-After; reads pass. */
export function maintenanceMode(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!maintenanceAllows(c.req.method, c.req.path)) {
      const { maintenance } = await platformStatus(deps.store);
      if (maintenance.enabled) {
        throw new AppError('maintenance', { headers: { 'Retry-After': String(maintenance.retryAfterSeconds) } });
      }
    }
    await next();
  };
}
