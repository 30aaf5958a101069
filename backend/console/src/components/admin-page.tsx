import type { PlatformStatus } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { ADMIN_TABS, adminTabHref, type AdminTab } from '../lib/pages';
import { AdminAgreements } from './admin-agreements';
import { AdminComplainants } from './admin-complainants';
import { AdminDeliveries } from './admin-deliveries';
import { AdminMaintenance } from './admin-maintenance';
import { AdminRights } from './admin-rights';
import { AdminShops } from './admin-shops';
import { AdminUsers } from './admin-users';
import { AdminVerifications } from './admin-verifications';

interface AdminPageProps {
  api: ApiClient;
  /** From the hash (#/admin, #/admin/verifications, #/admin/rights, #/admin/complainants, #/admin/shops, #/admin/deliveries), so each tab has a link of its own. */
  tab: AdminTab;
  status: PlatformStatus | undefined;
  onStatus: (status: PlatformStatus) => void;
  onPublished: () => void;
}

export function AdminPage({ api, tab, status, onStatus, onPublished }: AdminPageProps) {
  const { t } = useTranslation(NAMESPACES);
  const setTab = (next: AdminTab) => {
    window.location.hash = adminTabHref(next);
  };
  return (
    <section aria-labelledby="admin-heading" className="stack">
      <div className="page-heading">
        <div>
          <h1 id="admin-heading">{t('admin.heading')}</h1>
          <p className="page-subtitle">{t('admin.subtitle')}</p>
        </div>
        {tab === 'settings' && (
          <nav className="page-actions admin-jump" aria-label={t('admin.jump')}>
            <a href="#/admin" onClick={jump('admin-agreements')}>
              {t('admin.agreements.heading')}
            </a>
            <a href="#/admin" onClick={jump('admin-users')}>
              {t('admin.users.heading')}
            </a>
            <a href="#/admin" onClick={jump('admin-maintenance')}>
              {t('admin.maintenance.heading')}
            </a>
          </nav>
        )}
      </div>
      <div className="tabs" role="tablist" aria-label={t('admin.tabs.label')}>
        {ADMIN_TABS.map((name) => (
          <button
            key={name}
            id={`admin-tab-${name}`}
            data-testid={`admin-tab-${name}`}
            className="tab"
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`admin-panel-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`admin.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'settings' && (
        <div className="stack" id="admin-panel-settings" role="tabpanel" aria-labelledby="admin-tab-settings">
          <AdminMaintenance api={api} status={status} onStatus={onStatus} />
          <AdminAgreements api={api} onPublished={onPublished} />
          <AdminUsers api={api} />
        </div>
      )}
      {tab === 'verifications' && (
        <div id="admin-panel-verifications" role="tabpanel" aria-labelledby="admin-tab-verifications">
          <AdminVerifications api={api} />
        </div>
      )}
      {tab === 'rights' && (
        <div id="admin-panel-rights" role="tabpanel" aria-labelledby="admin-tab-rights">
          <AdminRights api={api} />
        </div>
      )}
      {tab === 'complainants' && (
        <div id="admin-panel-complainants" role="tabpanel" aria-labelledby="admin-tab-complainants">
          <AdminComplainants api={api} />
        </div>
      )}
      {tab === 'shops' && (
        <div id="admin-panel-shops" role="tabpanel" aria-labelledby="admin-tab-shops">
          <AdminShops api={api} />
        </div>
      )}
      {tab === 'deliveries' && (
        <div id="admin-panel-deliveries" role="tabpanel" aria-labelledby="admin-tab-deliveries">
          <AdminDeliveries api={api} />
        </div>
      )}
    </section>
  );
}

/** In-page links that scroll without touching the hash, which names the page. */
function jump(id: string) {
  return (event: { preventDefault: () => void }) => {
    event.preventDefault();
    document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
}
