import { SANCTION_KINDS, type Disclosure, type Sanction, type SanctionKind } from '@openipp/shared';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient, ComplainantOverview } from '../lib/api';
import { formatDateTime, formatShortDateTime } from '../lib/format';
import { complaintHref } from '../lib/pages';
import { LoadError, LoadingLine } from './load-status';
import { RiskBadge } from './review-bits';

/** Highest abuse score first, as the server sends them; kept so even if a reply comes unsorted. */
export function byAbuseScore(items: readonly ComplainantOverview[]): ComplainantOverview[] {
  return [...items].sort((a, b) => b.abuse.score - a.abuse.score);
}

const inForce = (sanctions: readonly Sanction[]) => sanctions.filter((sanction) => sanction.liftedAt === null);

/**
 * Complainants and their sanctions (issue #5 part 6), for admins: each
 * complaining tenant's record and abuse score, the sanctions in force, and
 * their history. Every sanction, and every lifting, is recorded with its reason.
 * Opening a complainant also shows to whom its personal data was disclosed
 * (issue #6 part 2).
 */
export function AdminComplainants({ api }: { api: ApiClient }) {
  const { t } = useTranslation(NAMESPACES);
  const { data, error, loading, reload } = useResource(() => api.adminComplainants(), [api]);
  const [open, setOpen] = useState<string>();
  const items = data ? byAbuseScore(data) : undefined;

  return (
    <div className="card" id="admin-complainants" aria-labelledby="admin-complainants-heading">
      <div className="card-heading">
        <div>
          <h2 id="admin-complainants-heading">{t('adminComplainants.heading')}</h2>
          <p className="muted">{t('adminComplainants.subtitle')}</p>
        </div>
        <button className="button" type="button" data-testid="admin-complainants-refresh" onClick={() => void reload()}>
          {t('captures.refresh')}
        </button>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {items?.length === 0 && (
        <p className="muted" data-testid="admin-complainants-empty">
          {t('adminComplainants.empty')}
        </p>
      )}
      {items !== undefined && items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="admin-complainants-table">
            <thead>
              <tr>
                <th scope="col">{t('adminComplainants.columns.tenant')}</th>
                <th scope="col">{t('adminComplainants.columns.record')}</th>
                <th scope="col">{t('adminComplainants.columns.abuse')}</th>
                <th scope="col">{t('adminComplainants.columns.risk')}</th>
                <th scope="col">{t('adminComplainants.columns.sanctions')}</th>
                <th scope="col">{t('adminComplainants.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <Fragment key={item.tenant.id}>
                  <ComplainantRow item={item} expanded={open === item.tenant.id} onToggle={() => setOpen(open === item.tenant.id ? undefined : item.tenant.id)} />
                  {open === item.tenant.id && (
                    <tr data-testid="complainant-detail" data-tenant-id={item.tenant.id}>
                      <td colSpan={6}>
                        <SanctionPanel api={api} item={item} onChanged={() => void reload()} />
                        <DisclosureLog api={api} tenantId={item.tenant.id} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ComplainantRow({ item, expanded, onToggle }: { item: ComplainantOverview; expanded: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const active = inForce(item.sanctions);
  const tenantKind = TENANT_KINDS.find((kind) => kind === item.tenant.kind);
  return (
    <tr data-testid="complainant-row" data-tenant-id={item.tenant.id} data-score={item.abuse.score} data-risk={item.risk} data-sanctions={active.map((sanction) => sanction.kind).join(',')}>
      <td>
        <div className="strong">{item.tenant.name}</div>
        <div className="muted small">{tenantKind ? t(`common:tenantKinds.${tenantKind}`) : item.tenant.kind}</div>
      </td>
      <td className="small">
        <div>{t('adminComplainants.complaints', { submitted: item.stats.complaints.submitted, open: item.stats.complaints.open })}</div>
        <div className="muted">
          {t('adminComplainants.listings', { upheld: item.stats.listings.upheld, rejected: item.stats.listings.rejected, reversed: item.stats.listings.reversed })}
        </div>
      </td>
      <td className="small">
        <div className="strong" data-testid="complainant-score">
          {number.format(item.abuse.score)}
        </div>
        <div className="muted">{t('adminComplainants.marks', { wrongful: item.abuse.wrongful, malicious: item.abuse.malicious })}</div>
      </td>
      <td>
        <RiskBadge risk={item.risk} />
      </td>
      <td>
        {active.length === 0 ? (
          <span className="muted">{t('adminComplainants.none')}</span>
        ) : (
          active.map((sanction) => (
            <span key={sanction.id} className="pill pill-danger" data-testid="complainant-sanction-active" data-kind={sanction.kind}>
              {t(`review.sanctions.${sanction.kind}`)}
            </span>
          ))
        )}
      </td>
      <td>
        <button className="button button-small" type="button" data-testid="complainant-manage" aria-expanded={expanded} onClick={onToggle}>
          {expanded ? t('adminComplainants.hide') : t('adminComplainants.manage')}
        </button>
      </td>
    </tr>
  );
}

// The tenant kinds the common namespace names; an unknown kind is shown as sent.
const TENANT_KINDS = ['rights_holder', 'agency', 'seller', 'platform'] as const;

function SanctionPanel({ api, item, onChanged }: { api: ApiClient; item: ComplainantOverview; onChanged: () => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const active = inForce(item.sanctions);
  const available = SANCTION_KINDS.filter((kind) => !active.some((sanction) => sanction.kind === kind));
  const [kind, setKind] = useState<SanctionKind | ''>(available[0] ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function impose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (kind === '' || !reason.trim()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await api.imposeSanction(item.tenant.id, { kind, reason });
      setReason('');
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack-small sanction-panel">
      {available.length > 0 && (
        <form className="inline-form" data-testid="sanction-form" onSubmit={(event) => void impose(event)}>
          <label className="field">
            <span className="field-label">{t('adminComplainants.kind')}</span>
            <select data-testid="sanction-kind" value={kind} disabled={busy} onChange={(event) => setKind(event.target.value as SanctionKind)}>
              {available.map((value) => (
                <option key={value} value={value}>
                  {t(`review.sanctions.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-wide">
            <span className="field-label">{t('adminComplainants.reason')}</span>
            <textarea data-testid="sanction-reason" rows={2} maxLength={2000} value={reason} disabled={busy} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button className="button button-danger-solid" type="submit" data-testid="sanction-impose" disabled={busy || kind === '' || !reason.trim()}>
            {t('adminComplainants.impose')}
          </button>
        </form>
      )}
      <p className="muted small">{t('adminComplainants.effects')}</p>
      {failure !== undefined && (
        <p className="form-error" role="alert" data-testid="sanction-error">
          {errorText(failure)}
        </p>
      )}
      <h4 className="stats-heading">{t('adminComplainants.history')}</h4>
      {item.sanctions.length === 0 ? (
        <p className="muted small">{t('adminComplainants.noHistory')}</p>
      ) : (
        <table className="data-table" data-testid="sanction-history">
          <thead>
            <tr>
              <th scope="col">{t('adminComplainants.kind')}</th>
              <th scope="col">{t('adminComplainants.imposed')}</th>
              <th scope="col">{t('adminComplainants.reason')}</th>
              <th scope="col">{t('adminComplainants.lifted')}</th>
            </tr>
          </thead>
          <tbody>
            {item.sanctions.map((sanction) => (
              <tr key={sanction.id} data-testid="sanction-row" data-sanction-id={sanction.id} data-kind={sanction.kind} data-active={String(sanction.liftedAt === null)}>
                <td>{t(`review.sanctions.${sanction.kind}`)}</td>
                <td className="small nowrap">
                  {formatShortDateTime(sanction.imposedAt, i18n.language)}
                  <div className="muted">{sanction.imposedBy.email}</div>
                </td>
                <td className="pre-wrap small">{sanction.reason}</td>
                <td className="small">
                  {sanction.liftedAt === null ? (
                    <LiftForm api={api} tenantId={item.tenant.id} sanction={sanction} onLifted={onChanged} />
                  ) : (
                    <>
                      {formatShortDateTime(sanction.liftedAt, i18n.language)}
                      {sanction.liftReason && <div className="muted pre-wrap">{sanction.liftReason}</div>}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function LiftForm({ api, tenantId, sanction, onLifted }: { api: ApiClient; tenantId: string; sanction: Sanction; onLifted: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function lift(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await api.liftSanction(tenantId, sanction.id, reason);
      onLifted();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button className="button button-small" type="button" data-testid="sanction-lift-open" data-sanction-id={sanction.id} onClick={() => setOpen(true)}>
        {t('adminComplainants.lift')}
      </button>
    );
  }
  return (
    <form className="stack-small" data-testid="sanction-lift-form" data-sanction-id={sanction.id} onSubmit={(event) => void lift(event)}>
      <label className="field">
        <span className="field-label">{t('adminComplainants.liftReason')}</span>
        <textarea data-testid="sanction-lift-reason" rows={2} maxLength={2000} value={reason} disabled={busy} onChange={(event) => setReason(event.target.value)} autoFocus />
      </label>
      {failure !== undefined && (
        <p className="form-error small" role="alert">
          {errorText(failure)}
        </p>
      )}
      <div className="form-actions">
        <button className="button button-small" type="button" disabled={busy} onClick={() => setOpen(false)}>
          {t('actions.cancel')}
        </button>
        <button className="button button-small button-primary" type="submit" data-testid="sanction-lift-confirm" disabled={busy || !reason.trim()}>
          {t('adminComplainants.liftConfirm')}
        </button>
      </div>
    </form>
  );
}

/**
 * The disclosure log of one complainant (MISSION item 13): each time its
 * personal data was shown or sent to a seller — which fields, to which
 * tenant and user, when, and on which legal basis. Newest first.
 */
export function DisclosureLog({ api, tenantId }: { api: ApiClient; tenantId: string }) {
  const { t } = useTranslation(NAMESPACES);
  const { data, error, loading, reload } = useResource(() => api.adminDisclosures(tenantId), [api, tenantId]);
  return (
    <div className="stack-small" data-testid="disclosure-log" data-tenant-id={tenantId}>
      <h4 className="stats-heading">{t('staff:disclosures.heading')}</h4>
      <p className="muted small">{t('staff:disclosures.subtitle')}</p>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {data?.length === 0 && (
        <p className="muted small" data-testid="disclosure-empty">
          {t('staff:disclosures.empty')}
        </p>
      )}
      {data !== undefined && data.length > 0 && <DisclosureTable items={data} />}
    </div>
  );
}

export function DisclosureTable({ items }: { items: readonly Disclosure[] }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <table className="data-table" data-testid="disclosure-table">
      <thead>
        <tr>
          <th scope="col">{t('staff:disclosures.columns.at')}</th>
          <th scope="col">{t('staff:disclosures.columns.recipient')}</th>
          <th scope="col">{t('staff:disclosures.columns.fields')}</th>
          <th scope="col">{t('staff:disclosures.columns.legalBasis')}</th>
          <th scope="col">{t('staff:disclosures.columns.complaint')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr
            key={item.id}
            data-testid="disclosure-row"
            data-disclosure-id={item.id}
            data-legal-basis={item.legalBasis}
            data-fields={item.fields.join(',')}
            data-recipient-tenant-id={item.recipient.tenantId}
            data-user-email={item.user.email}
            data-complaint-id={item.complaintId}
          >
            <td className="small nowrap">
              <time dateTime={item.at}>{formatDateTime(item.at, i18n.language)}</time>
            </td>
            <td className="small">
              <div className="strong">{item.recipient.name}</div>
              <div className="muted">{item.user.email}</div>
            </td>
            <td className="small" data-testid="disclosure-fields">
              {item.fields.map((field) => t(`staff:disclosures.fields.${field}`)).join(t('staff:disclosures.listSeparator'))}
            </td>
            <td className="small" data-testid="disclosure-basis">
              {t(`staff:disclosures.legalBases.${item.legalBasis}`)}
            </td>
            <td className="small">
              <a href={complaintHref(item.complaintId)}>
                <code>{item.complaintId}</code>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
