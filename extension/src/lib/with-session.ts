import { applyAccountProblem } from './account-state';
import { ApiError, type ApiClientOptions } from './api';
import { getActiveSession, getBackendUrl, type AuthSession } from './storage';

/**
 * A call to the backend on behalf of the signed-in user. Only the worker holds
 * the token, so pages ask it through messages; account-wide answers (a frozen
 * account, a new agreement, a revoked token) are handled here exactly as for
 * uploads, whichever call finds them first.
 */
export async function withSession<T>(work: (client: ApiClientOptions, session: AuthSession) => Promise<T>): Promise<T> {
  const session = await getActiveSession();
  if (!session) throw new ApiError(401, 'unauthenticated');
  try {
    return await work({ baseUrl: await getBackendUrl(), token: session.token }, session);
  } catch (error) {
    await applyAccountProblem(error, session);
    throw error;
  }
}
