import {
  DELIVERY_ADDRESS_MAX,
  DELIVERY_CHANNELS,
  NOTICE_REF_MAX,
  TRACKING_NUMBER_MAX,
  type DeliveryChannel,
  type DeliveryOutcome,
  type DeliveryRecord,
} from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { browserTimeZone, formatZoned, isoToZonedInput } from '../lib/local-time';
import { paperLetterRequest, previewCountsAsDelivered, type PaperLetterDraft, type PaperLetterField } from '../lib/paper-letter';
import { LoadError, LoadingLine } from './load-status';

const OUTCOME_PILL: Record<DeliveryOutcome, string> = {
  sent: 'pill-ok',
  posted: 'pill-accent',
  failed_retrying: 'pill-warn',
  failed_permanent: 'pill-danger',
};

/**
 * Notice delivery for admins (issue #6 part 4, MISSION item 16): recording a
 * posted letter, and the delivery log of every notice on every channel —
 * the address used, when it was sent, the outcome, and when it counts as
 * delivered, from which deadlines run.
 */
export function AdminDeliveries({ api }: { api: ApiClient }) {
  const [recorded, setRecorded] = useState(0);
  return (
    <div className="stack">
      <PaperLetterForm api={api} timeZone={browserTimeZone()} onRecorded={() => setRecorded((count) => count + 1)} />
      <DeliveryLog api={api} version={recorded} />
    </div>
  );
}

interface DeliveryFilter {
  channel: DeliveryChannel | '';
  recipient: string;
}

/** The delivery log, newest first, by channel and recipient (a user id, or the exact address used). */
export function DeliveryLog({ api, version = 0 }: { api: ApiClient; version?: number }) {
  const { t } = useTranslation(NAMESPACES);
  // What is typed, and what was last applied: the log is asked for on Apply, not on every keystroke.
  const [typed, setTyped] = useState<DeliveryFilter>({ channel: '', recipient: '' });
  const [applied, setApplied] = useState<DeliveryFilter>(typed);
  const { data, error, loading, reload } = useResource(
    () => api.adminDeliveries({ ...(applied.channel === '' ? {} : { channel: applied.channel }), ...(applied.recipient.trim() === '' ? {} : { recipient: applied.recipient.trim() }) }),
    [api, applied, version],
  );

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApplied({ ...typed });
  }

  return (
    <div className="card" id="admin-deliveries" aria-labelledby="admin-deliveries-heading">
      <div className="card-heading">
        <div>
          <h2 id="admin-deliveries-heading">{t('staff:deliveries.heading')}</h2>
          <p className="muted">{t('staff:deliveries.subtitle')}</p>
        </div>
        <button className="button" type="button" data-testid="deliveries-refresh" onClick={() => void reload()}>
          {t('captures.refresh')}
        </button>
      </div>
      <form className="filter-bar" data-testid="deliveries-filters" onSubmit={apply}>
        <label className="inline-field">
          <span>{t('staff:deliveries.channel')}</span>
          <select
            data-testid="deliveries-filter-channel"
            value={typed.channel}
            onChange={(event) => {
              // A channel is a click, not typing: it applies at once, with the recipient as typed.
              const next = { ...typed, channel: event.target.value as DeliveryChannel | '' };
              setTyped(next);
              setApplied(next);
            }}
          >
            <option value="">{t('review.filters.any')}</option>
            {DELIVERY_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`staff:deliveries.channels.${channel}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('staff:deliveries.recipient')}</span>
          <input
            type="search"
            data-testid="deliveries-filter-recipient"
            value={typed.recipient}
            maxLength={DELIVERY_ADDRESS_MAX}
            placeholder={t('staff:deliveries.recipientPlaceholder')}
            onChange={(event) => setTyped({ ...typed, recipient: event.target.value })}
          />
        </label>
        <button className="button button-small" type="submit" data-testid="deliveries-filter-apply">
          {t('staff:deliveries.apply')}
        </button>
      </form>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {data?.length === 0 && (
        <p className="muted" data-testid="deliveries-empty">
          {t('staff:deliveries.empty')}
        </p>
      )}
      {data !== undefined && data.length > 0 && <DeliveryTable records={data} />}
    </div>
  );
}

export function DeliveryTable({ records }: { records: readonly DeliveryRecord[] }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const time = (iso: string | null) => (iso === null ? <span className="muted">—</span> : <time dateTime={iso}>{formatDateTime(iso, i18n.language)}</time>);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="deliveries-table">
        <thead>
          <tr>
            <th scope="col">{t('staff:deliveries.columns.channel')}</th>
            <th scope="col">{t('staff:deliveries.columns.address')}</th>
            <th scope="col">{t('staff:deliveries.columns.sentAt')}</th>
            <th scope="col">{t('staff:deliveries.columns.outcome')}</th>
            <th scope="col">{t('staff:deliveries.columns.attempts')}</th>
            <th scope="col">{t('staff:deliveries.columns.countsAsDeliveredAt')}</th>
            <th scope="col">{t('staff:deliveries.columns.trackingNumber')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr
              key={record.id}
              data-testid="delivery-row"
              data-id={record.id}
              data-notice-id={record.noticeId ?? ''}
              data-channel={record.channel}
              data-outcome={record.outcome}
              data-counts-as-delivered-at={record.countsAsDeliveredAt ?? ''}
            >
              <td className="nowrap">
                {t(`staff:deliveries.channels.${record.channel}`)}
                {record.noticeId && (
                  <div className="muted small">
                    <code>{record.noticeId}</code>
                  </div>
                )}
              </td>
              <td className="cell-address pre-wrap small" data-testid="delivery-address">
                {record.address}
              </td>
              <td className="small">{time(record.sentAt)}</td>
              <td>
                <span className={`pill ${OUTCOME_PILL[record.outcome]}`}>{t(`staff:deliveries.outcomes.${record.outcome}`)}</span>
              </td>
              <td className="nowrap">{record.attempts}</td>
              <td className="small">{time(record.countsAsDeliveredAt)}</td>
              <td>{record.trackingNumber ? <code>{record.trackingNumber}</code> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The server's refusal of a posting time after its own clock (a letter cannot be posted in the future). */
function postedInFuture(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'validation_failed' && error.errors.some((field) => field.path === 'postedAt' && field.code === 'in_future');
}

const EMPTY_DRAFT = (timeZone: string): PaperLetterDraft => ({
  noticeRef: '',
  address: '',
  postedAt: isoToZonedInput(new Date().toISOString(), timeZone),
  trackingNumber: '',
});

/**
 * Records a letter the platform posted. The posting time is entered in the
 * admin's own zone (named beside the field) and sent as an instant; the
 * answer says when the letter counts as delivered — the fifth natural day
 * after posting, in the Asia/Shanghai calendar — which is shown as recorded.
 */
export function PaperLetterForm({ api, timeZone, onRecorded }: { api: ApiClient; timeZone: string; onRecorded: (record: DeliveryRecord) => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [draft, setDraft] = useState<PaperLetterDraft>(() => EMPTY_DRAFT(timeZone));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [recorded, setRecorded] = useState<DeliveryRecord>();
  const [shown, setShown] = useState<ReadonlySet<PaperLetterField>>(new Set());

  const check = paperLetterRequest(draft, timeZone);
  const preview = previewCountsAsDelivered(draft, timeZone);
  const wrong = new Set(check.missing ?? []);
  const invalid = (field: PaperLetterField) => shown.has(field) && wrong.has(field);
  const set = (field: PaperLetterField, value: string) => setDraft((before) => ({ ...before, [field]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setShown(new Set(['noticeRef', 'address', 'postedAt', 'trackingNumber']));
    if (!check.request || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const record = await api.adminRecordPaperLetter(check.request);
      setRecorded(record);
      setDraft(EMPTY_DRAFT(timeZone));
      setShown(new Set());
      onRecorded(record);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card" id="admin-paper-letters" aria-labelledby="paper-letter-heading">
      <h2 id="paper-letter-heading" className="card-title">
        {t('staff:paperLetter.heading')}
      </h2>
      <p className="muted">{t('staff:paperLetter.subtitle')}</p>
      <form className="form-grid" data-testid="paper-letter-form" noValidate onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span className="field-label">{t('staff:paperLetter.noticeRef')}</span>
          <input
            data-testid="paper-letter-ref"
            value={draft.noticeRef}
            maxLength={NOTICE_REF_MAX}
            required
            disabled={busy}
            aria-invalid={invalid('noticeRef')}
            onChange={(event) => set('noticeRef', event.target.value)}
          />
          <span className="muted small">{t('staff:paperLetter.noticeRefHint')}</span>
        </label>
        <label className="field">
          <span className="field-label">{t('staff:paperLetter.trackingNumber')}</span>
          <input
            data-testid="paper-letter-tracking"
            value={draft.trackingNumber}
            maxLength={TRACKING_NUMBER_MAX}
            required
            disabled={busy}
            aria-invalid={invalid('trackingNumber')}
            onChange={(event) => set('trackingNumber', event.target.value)}
          />
        </label>
        <label className="field field-wide">
          <span className="field-label">{t('staff:paperLetter.address')}</span>
          <textarea
            data-testid="paper-letter-address"
            rows={3}
            value={draft.address}
            maxLength={DELIVERY_ADDRESS_MAX}
            required
            disabled={busy}
            aria-invalid={invalid('address')}
            onChange={(event) => set('address', event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('staff:paperLetter.postedAt')}</span>
          <input
            type="datetime-local"
            data-testid="paper-letter-posted-at"
            value={draft.postedAt}
            required
            disabled={busy}
            aria-invalid={invalid('postedAt')}
            onChange={(event) => set('postedAt', event.target.value)}
          />
          <span className="muted small" data-testid="paper-letter-zone" data-zone={timeZone}>
            {t('staff:paperLetter.zone', { zone: timeZone })}
          </span>
        </label>
        <div className="field">
          <span className="field-label">{t('staff:paperLetter.preview')}</span>
          <span data-testid="paper-letter-preview" data-at={preview ?? ''}>
            {preview ? formatZoned(preview, i18n.language, timeZone) : <span className="muted">—</span>}
          </span>
          <span className="muted small">{t('staff:paperLetter.rule')}</span>
        </div>
        {shown.size > 0 && wrong.size > 0 && (
          <p className="form-error field-wide" role="alert" data-testid="paper-letter-missing" data-fields={[...wrong].join(',')}>
            {t('staff:paperLetter.missing', { fields: [...wrong].map((field) => t(`staff:paperLetter.${field}`)).join(t('staff:paperLetter.listSeparator')) })}
          </p>
        )}
        {failure !== undefined && (
          <p className="form-error field-wide" role="alert" data-testid="paper-letter-error">
            {postedInFuture(failure) ? t('staff:paperLetter.inFuture') : errorText(failure)}
          </p>
        )}
        <div className="form-actions field-wide">
          <button className="button button-primary" type="submit" data-testid="paper-letter-submit" disabled={busy}>
            {busy ? t('admin.verifications.deciding') : t('staff:paperLetter.submit')}
          </button>
        </div>
      </form>
      {recorded && <PaperLetterResult record={recorded} timeZone={timeZone} />}
    </div>
  );
}

/** The letter as the server recorded it, with the time it counts as delivered. */
export function PaperLetterResult({ record, timeZone }: { record: DeliveryRecord; timeZone: string }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <div className="form-success-box" role="status" data-testid="paper-letter-result" data-id={record.id} data-counts-as-delivered-at={record.countsAsDeliveredAt ?? ''}>
      <p className="strong">{t('staff:paperLetter.recorded', { tracking: record.trackingNumber ?? '—' })}</p>
      <dl className="facts facts-wide">
        <dt>{t('staff:deliveries.columns.sentAt')}</dt>
        <dd data-testid="paper-letter-result-posted">{record.sentAt ? formatZoned(record.sentAt, i18n.language, timeZone) : '—'}</dd>
        <dt>{t('staff:deliveries.columns.countsAsDeliveredAt')}</dt>
        <dd className="strong" data-testid="paper-letter-counts-as-delivered">
          {record.countsAsDeliveredAt ? formatZoned(record.countsAsDeliveredAt, i18n.language, timeZone) : '—'}
        </dd>
      </dl>
    </div>
  );
}
