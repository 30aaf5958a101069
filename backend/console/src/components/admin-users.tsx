import type { AdminUser } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { LoadError, LoadingLine } from './load-status';

type Filter = 'all' | 'frozen' | 'active';
const FILTERS: readonly Filter[] = ['frozen', 'active', 'all'];

function saveFile(filename: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function AdminUsers({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const [filter, setFilter] = useState<Filter>('all');
  // A new filter clears the list until its answer arrives (useResource does that when deps change).
  const { data: items, error, loading, reload } = useResource<AdminUser[]>(
    () => api.adminListUsers(filter === 'all' ? {} : { frozen: filter === 'frozen' }),
    [api, filter],
  );

  return (
    <div className="card" id="admin-users" aria-labelledby="users-heading">
      <div className="card-heading">
        <div>
          <h2 id="users-heading">{t('admin.users.heading')}</h2>
          <p className="muted">{t('admin.users.subtitle')}</p>
        </div>
        <div className="page-actions">
          <label className="inline-field">
            <span>{t('admin.users.filter')}</span>
            <select data-testid="users-filter" value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
              {FILTERS.map((value) => (
                <option key={value} value={value}>
                  {t(`admin.users.filters.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <button className="button" type="button" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {items?.length === 0 && <p className="muted">{t('admin.users.empty')}</p>}
      {items !== undefined && items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.users.columns.user')}</th>
                <th scope="col">{t('admin.users.columns.tenant')}</th>
                <th scope="col">{t('admin.users.columns.state')}</th>
                <th scope="col">{t('admin.users.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <UserRow key={user.id} api={api} user={user} onChanged={() => void reload()} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function UserRow({ api, user, onChanged }: { api: ApiClient; user: AdminUser; onChanged: () => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [unfreezing, setUnfreezing] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'export' | 'unfreeze'>();
  const [error, setError] = useState<unknown>();
  const frozen = user.frozenAt !== null;

  async function exportProof() {
    setBusy('export');
    setError(undefined);
    try {
      const file = await api.adminAcceptanceProof(user.id);
      saveFile(file.filename, file.type, file.text);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(undefined);
    }
  }

  async function unfreeze(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!note.trim()) return;
    setBusy('unfreeze');
    setError(undefined);
    try {
      await api.adminUnfreezeUser(user.id, note.trim());
      setUnfreezing(false);
      setNote('');
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <tr data-testid="admin-user-row" data-user-id={user.id} data-email={user.email} data-frozen={frozen}>
      <td>
        <div className="strong">{user.email}</div>
        <div className="muted small">{t(`common:roles.${user.role}`)}</div>
      </td>
      <td>{user.tenant.name}</td>
      <td>
        {frozen ? (
          <>
            <span className="pill pill-danger" data-testid="user-frozen">
              {t('admin.users.frozenSince', { time: formatShortDateTime(user.frozenAt ?? '', i18n.language) })}
            </span>
            {user.frozenNote && <div className="muted small frozen-note">{t('admin.users.reportNote', { note: user.frozenNote })}</div>}
          </>
        ) : (
          <span className="pill pill-ok">{t('admin.users.active')}</span>
        )}
      </td>
      <td className="cell-actions-wide">
        <div className="row-actions">
          <button data-testid="export-acceptances" className="button button-small" type="button" disabled={busy !== undefined} onClick={() => void exportProof()}>
            {busy === 'export' ? t('admin.users.exporting') : t('admin.users.exportAcceptances')}
          </button>
          {frozen && !unfreezing && (
            <button data-testid="unfreeze-button" className="button button-small" type="button" onClick={() => setUnfreezing(true)}>
              {t('admin.users.unfreeze')}
            </button>
          )}
        </div>
        {unfreezing && (
          <form className="unfreeze-form" onSubmit={unfreeze}>
            <label className="field">
              <span className="field-label">{t('admin.users.reviewNote')}</span>
              <textarea
                data-testid="unfreeze-note"
                rows={2}
                maxLength={2000}
                required
                value={note}
                placeholder={t('admin.users.reviewNotePlaceholder')}
                onChange={(event) => setNote(event.target.value)}
                autoFocus
              />
            </label>
            <div className="form-actions">
              <button className="button button-small" type="button" onClick={() => setUnfreezing(false)} disabled={busy !== undefined}>
                {t('actions.cancel')}
              </button>
              <button data-testid="unfreeze-confirm" className="button button-small button-primary" type="submit" disabled={busy !== undefined || !note.trim()}>
                {busy === 'unfreeze' ? t('admin.users.unfreezing') : t('admin.users.unfreezeConfirm')}
              </button>
            </div>
          </form>
        )}
        {error !== undefined && (
          <p className="form-error small" role="alert">
            {errorText(error)}
          </p>
        )}
      </td>
    </tr>
  );
}
