import type { PlatformStatus } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { AdminAgreements } from './admin-agreements';
import { AdminMaintenance } from './admin-maintenance';
import { AdminUsers } from './admin-users';

interface AdminPageProps {
  api: ApiClient;
  status: PlatformStatus | undefined;
  onStatus: (status: PlatformStatus) => void;
  onPublished: () => void;
}

export function AdminPage({ api, status, onStatus, onPublished }: AdminPageProps) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <section aria-labelledby="admin-heading" className="stack">
      <div className="page-heading">
        <div>
          <h1 id="admin-heading">{t('admin.heading')}</h1>
          <p className="page-subtitle">{t('admin.subtitle')}</p>
        </div>
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
      </div>
      <AdminMaintenance api={api} status={status} onStatus={onStatus} />
      <AdminAgreements api={api} onPublished={onPublished} />
      <AdminUsers api={api} />
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
