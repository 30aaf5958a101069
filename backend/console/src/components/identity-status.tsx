import type { User } from '@openipp/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';

type IdentityStatus = User['tenant']['identityStatus'];

export const PILL_FOR_STATUS: Record<IdentityStatus, string> = { pending: 'pill-warn', approved: 'pill-ok', rejected: 'pill-danger' };

/** Customer tenants are verified by staff; the platform's own tenant is not. */
export const hasIdentityCheck = (user: User): boolean => user.tenant.kind !== 'platform';

/** The tenant's verification state, beside its name in the header. */
export function IdentityStatusBadge({ status }: { status: IdentityStatus }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <span className={`pill ${PILL_FOR_STATUS[status]}`} data-testid="identity-status" data-status={status} title={t(`identityStatus.hints.${status}`)}>
      {t(`identityStatus.states.${status}`)}
    </span>
  );
}

/**
 * Until staff approve the identity, the tenant may sign in and look around but
 * not file complaints; say so up front rather than at the first refusal.
 */
export function IdentityBanner({ api, user }: { api: ApiClient; user: User }) {
  const { t } = useTranslation(NAMESPACES);
  const status = user.tenant.identityStatus;
  const [reasons, setReasons] = useState<string | null>();

  useEffect(() => {
    if (status !== 'rejected') return;
    let current = true;
    api.tenantProfile().then(
      (profile) => current && setReasons(profile.verification.reasons),
      // The banner still says it was rejected; the organisation page shows the details.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, status]);

  if (status === 'approved' || !hasIdentityCheck(user)) return null;
  return (
    <div className={`banner ${status === 'rejected' ? 'banner-error' : 'banner-warn'}`} role="status" data-testid="identity-banner" data-status={status}>
      <div>
        <strong>{t(`identityStatus.banner.${status}.title`)}</strong> {t(`identityStatus.banner.${status}.body`)}
        {status === 'rejected' && reasons && (
          <div className="banner-reasons" data-testid="identity-reasons">
            {t('identityStatus.reasons')} {reasons}
          </div>
        )}
      </div>
      <a className="button button-small" href="#/organisation">
        {t('identityStatus.banner.details')}
      </a>
    </div>
  );
}
