import type { Role, TenantKind, VerificationStatus } from '@openipp/shared';
import type { Logger } from './logger';

/** Who is calling, as established by the verified session (never by the request body). */
export interface Principal {
  /** The token hash (the session's primary key); never sent to clients. */
  sessionId: string;
  /** The id the user sees in their session list. */
  sessionPublicId: string;
  /** The agreement version this user has yet to accept, or null; the gate refuses most routes while set. */
  pendingAgreementVersion: number | null;
  kind: 'bearer' | 'cookie';
  csrfToken: string | null;
  expiresAt: number;
  user: { id: string; email: string; displayName: string; role: Role; locale: 'zh-CN' | 'en' };
  /** identityStatus: staff verification of the tenant's entity (the platform tenant counts as approved). */
  tenant: { id: string; name: string; kind: TenantKind; identityStatus: VerificationStatus };
}

export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    principal: Principal;
  };
}
