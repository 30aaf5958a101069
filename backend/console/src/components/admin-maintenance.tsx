import type { PlatformStatus } from '@openipp/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';

interface AdminMaintenanceProps {
  api: ApiClient;
  status: PlatformStatus | undefined;
  onStatus: (status: PlatformStatus) => void;
}

export function AdminMaintenance({ api, status, onStatus }: AdminMaintenanceProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [enabled, setEnabled] = useState(false);
  const [messageZh, setMessageZh] = useState('');
  const [messageEn, setMessageEn] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  // Fill the form once from the first known status; later polls (or a first answer that
  // arrives after the admin started editing) must not overwrite what the admin is typing.
  useEffect(() => {
    if (loaded || !status) return;
    setEnabled(status.maintenance.enabled);
    setMessageZh(status.maintenance.message?.['zh-CN'] ?? '');
    setMessageEn(status.maintenance.message?.en ?? '');
    setLoaded(true);
  }, [status, loaded]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(undefined);
    try {
      const zh = messageZh.trim();
      const en = messageEn.trim();
      const next = await api.adminSetMaintenance({
        enabled,
        ...(zh ? { messageZh: zh } : {}),
        ...(en ? { messageEn: en } : {}),
      });
      onStatus(next);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  const current = status?.maintenance;

  return (
    <div className="card" id="admin-maintenance" aria-labelledby="maintenance-heading">
      <div className="card-heading">
        <div>
          <h2 id="maintenance-heading">{t('admin.maintenance.heading')}</h2>
          <p className="muted">{t('admin.maintenance.subtitle')}</p>
        </div>
        {current && (
          <span className={`pill ${current.enabled ? 'pill-warn' : 'pill-ok'}`} data-testid="maintenance-state">
            {current.enabled
              ? current.since
                ? t('admin.maintenance.onSince', { time: formatShortDateTime(current.since, i18n.language) })
                : t('admin.maintenance.on')
              : t('admin.maintenance.off')}
          </span>
        )}
      </div>
      <form className="admin-form" onSubmit={save}>
        <label className="checkbox-field">
          <input
            data-testid="maintenance-enabled"
            type="checkbox"
            checked={enabled}
            onChange={(event) => {
              setEnabled(event.target.checked);
              setLoaded(true);
              setSaved(false);
            }}
          />
          <span>
            <strong>{t('admin.maintenance.enabled')}</strong>
            <span className="muted small block">{t('admin.maintenance.enabledHint')}</span>
          </span>
        </label>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('admin.maintenance.messageZh')}</span>
            <textarea
              data-testid="maintenance-message-zh"
              lang="zh-CN"
              rows={2}
              maxLength={1000}
              value={messageZh}
              onChange={(event) => {
                setMessageZh(event.target.value);
                setLoaded(true);
              }}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('admin.maintenance.messageEn')}</span>
            <textarea
              data-testid="maintenance-message-en"
              lang="en"
              rows={2}
              maxLength={1000}
              value={messageEn}
              onChange={(event) => {
                setMessageEn(event.target.value);
                setLoaded(true);
              }}
            />
          </label>
        </div>
        <p className="muted small">{t('admin.maintenance.messageHint')}</p>
        {error !== undefined && (
          <p className="form-error" role="alert">
            {errorText(error)}
          </p>
        )}
        <div className="form-actions">
          {saved && (
            <span className="form-success" role="status">
              {t('admin.maintenance.saved')}
            </span>
          )}
          <button data-testid="maintenance-save" className="button button-primary" type="submit" disabled={saving}>
            {saving ? t('actions.saving') : t('actions.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
