import type { AgreementAdminList } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { localized } from '../lib/localized';
import { LoadError, LoadingLine } from './load-status';
import { Markdown } from './markdown';

interface AdminAgreementsProps {
  api: ApiClient;
  /** A new version is in force; the admin has not accepted it yet either. */
  onPublished: () => void;
}

const EMPTY = { bodyZh: '', bodyEn: '', summaryZh: '', summaryEn: '' };
type Draft = typeof EMPTY;

export function AdminAgreements({ api, onPublished }: AdminAgreementsProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const { data: list, error, loading, reload } = useResource<AgreementAdminList>(() => api.adminListAgreements(), [api]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [preview, setPreview] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<unknown>();

  const nextVersion = Math.max(0, ...(list?.items.map((item) => item.version) ?? [])) + 1;
  const complete = Object.values(draft).every((value) => value.trim() !== '');

  async function publish(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!complete) return;
    // A native confirm: publishing is immediate and cannot be undone, and it signs everyone into the gate.
    if (!window.confirm(t('admin.agreements.publishConfirm', { version: nextVersion }))) return;
    setPublishing(true);
    setPublishError(undefined);
    try {
      await api.adminPublishAgreement({
        bodyZh: draft.bodyZh.trim(),
        bodyEn: draft.bodyEn.trim(),
        summaryZh: draft.summaryZh.trim(),
        summaryEn: draft.summaryEn.trim(),
      });
      setDraft(EMPTY);
      onPublished();
    } catch (caught) {
      setPublishError(caught);
    } finally {
      setPublishing(false);
    }
  }

  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value })),
  });

  return (
    <div className="card" id="admin-agreements" aria-labelledby="agreements-heading">
      <div className="card-heading">
        <div>
          <h2 id="agreements-heading">{t('admin.agreements.heading')}</h2>
          <p className="muted">{t('admin.agreements.subtitle')}</p>
        </div>
        <button className="button" type="button" onClick={() => void reload()}>
          {t('captures.refresh')}
        </button>
      </div>

      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {list !== undefined && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.agreements.columns.version')}</th>
                <th scope="col">{t('admin.agreements.columns.published')}</th>
                <th scope="col">{t('admin.agreements.columns.summary')}</th>
                <th scope="col">{t('admin.agreements.columns.acceptances')}</th>
                <th scope="col">{t('admin.agreements.columns.hashes')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => {
                const share = list.activeUsers === 0 ? 0 : Math.min(1, item.acceptances / list.activeUsers);
                return (
                  <tr key={item.version} data-testid="agreement-version-row" data-version={item.version} data-current={item.current}>
                    <td className="nowrap">
                      <strong>{t('agreement.versionValue', { version: item.version })}</strong>
                      {item.current && <span className="pill pill-accent">{t('admin.agreements.current')}</span>}
                    </td>
                    <td className="nowrap">
                      <time dateTime={item.publishedAt}>{formatShortDateTime(item.publishedAt, i18n.language)}</time>
                    </td>
                    <td className="cell-summary summary-text">
                      <Markdown source={localized(item.summary, i18n.language)} />
                    </td>
                    <td className="nowrap" data-testid="agreement-acceptances">
                      {t('admin.agreements.acceptedBy', { count: item.acceptances, total: list.activeUsers })}
                      <span className="meter" aria-hidden="true">
                        <span className="meter-fill" style={{ width: `${Math.round(share * 100)}%` }} />
                      </span>
                    </td>
                    <td>
                      <div className="cell-hashes">
                        <span title={item.zhSha256}>
                          {t('common:languages.zh-CN')} <code>{item.zhSha256.slice(0, 12)}…</code>
                        </span>
                        <span title={item.enSha256}>
                          {t('common:languages.en')} <code>{item.enSha256.slice(0, 12)}…</code>
                        </span>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <form className="admin-form publish-form" onSubmit={publish}>
        <h3>{t('admin.agreements.publishHeading', { version: nextVersion })}</h3>
        <p className="form-warning">{t('admin.agreements.publishWarning')}</p>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('admin.agreements.bodyZh')}</span>
            <textarea data-testid="publish-body-zh" lang="zh-CN" rows={12} className="mono-input" required {...field('bodyZh')} />
          </label>
          <label className="field">
            <span className="field-label">{t('admin.agreements.bodyEn')}</span>
            <textarea data-testid="publish-body-en" lang="en" rows={12} className="mono-input" required {...field('bodyEn')} />
          </label>
          <label className="field">
            <span className="field-label">{t('admin.agreements.summaryZh')}</span>
            <textarea data-testid="publish-summary-zh" lang="zh-CN" rows={2} maxLength={2000} required {...field('summaryZh')} />
          </label>
          <label className="field">
            <span className="field-label">{t('admin.agreements.summaryEn')}</span>
            <textarea data-testid="publish-summary-en" lang="en" rows={2} maxLength={2000} required {...field('summaryEn')} />
          </label>
        </div>
        <p className="muted small">{t('admin.agreements.markdownHint')}</p>
        {preview && (
          <div className="form-grid" data-testid="publish-preview">
            <div className="agreement-text agreement-preview" lang="zh-CN">
              <Markdown source={draft.bodyZh} />
            </div>
            <div className="agreement-text agreement-preview" lang="en">
              <Markdown source={draft.bodyEn} />
            </div>
          </div>
        )}
        {publishError !== undefined && (
          <p className="form-error" role="alert" data-testid="publish-error">
            {errorText(publishError)}
          </p>
        )}
        <div className="form-actions">
          <button className="button" type="button" aria-pressed={preview} onClick={() => setPreview((current) => !current)}>
            {preview ? t('admin.agreements.hidePreview') : t('admin.agreements.preview')}
          </button>
          <button data-testid="publish-submit" className="button button-primary" type="submit" disabled={publishing || !complete}>
            {publishing ? t('admin.agreements.publishing') : t('admin.agreements.publish', { version: nextVersion })}
          </button>
        </div>
      </form>
    </div>
  );
}
