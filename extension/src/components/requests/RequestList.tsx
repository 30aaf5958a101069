import { useTranslation } from 'react-i18next';
import { DEFICIENCY_ELEMENTS, type DeficiencyCode } from '@openipp/shared';
import { formatRelative, timeLeft } from '@/lib/deadline';
import type { OpenInfoRequest } from '@/lib/storage';

export interface RequestListProps {
  /** Deadline first. */
  items: readonly OpenInfoRequest[];
  now: number;
  selectedId: string | null;
  backendUrl: string;
  onSelect: (complaintId: string) => void;
}

function formatTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(iso));
}

/** The complaints waiting for material from the user (issue #5, part 5), each with what the reviewer asks for. */
export function RequestList({ items, now, selectedId, backendUrl, onSelect }: RequestListProps) {
  return (
    <ul className="requests" data-testid="info-requests">
      {items.map((item) => (
        <RequestRow
          key={item.request.id}
          item={item}
          now={now}
          selected={item.complaint.id === selectedId}
          backendUrl={backendUrl}
          onSelect={() => onSelect(item.complaint.id)}
        />
      ))}
    </ul>
  );
}

function RequestRow({
  item,
  now,
  selected,
  backendUrl,
  onSelect,
}: {
  item: OpenInfoRequest;
  now: number;
  selected: boolean;
  backendUrl: string;
  onSelect: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { complaint, request } = item;
  const left = timeLeft(request.deadline, now);
  const relative = formatRelative(i18n.language, left);
  return (
    <li
      className={`request${left.overdue ? ' overdue' : ''}${selected ? ' selected' : ''}`}
      data-testid="info-request-row"
      data-complaint-id={complaint.id}
      data-request-id={request.id}
      data-overdue={String(left.overdue)}
    >
      <div className="request-head">
        <strong data-testid="request-complaint">{t('requests.complaint', { id: complaint.id })}</strong>
        {complaint.reason && <span className="muted small">{t(`reasons.${complaint.reason}`)}</span>}
        <span className="muted small">{t('requests.listingCount', { count: complaint.listings.length })}</span>
        <a className="small" href={`${backendUrl}/#/complaints/${encodeURIComponent(complaint.id)}`} target="_blank" rel="noreferrer">
          {t('requests.viewInConsole')}
        </a>
      </div>
      <p className={left.overdue ? 'deadline overdue-text' : 'deadline'} data-testid="request-deadline" data-overdue={String(left.overdue)} data-deadline={request.deadline}>
        {t('requests.deadline', { time: formatTime(i18n.language, request.deadline) })} ·{' '}
        <span className="strong">{left.overdue ? t('requests.overdue', { relative }) : t('requests.timeLeft', { relative })}</span>
      </p>
      <h3>{t('requests.missing')}</h3>
      <DeficiencyList codes={request.deficiencies} />
      <p className="muted small">{t('requests.reviewerMessage')}</p>
      <blockquote className="reviewer-message" data-testid="request-message">
        {request.message}
      </blockquote>
      <div className="request-foot">
        <span className="muted small">{t('requests.requestedAt', { time: formatTime(i18n.language, request.requestedAt) })}</span>
        <button className="primary" data-testid="answer-request" data-complaint-id={complaint.id} disabled={selected} onClick={onSelect}>
          {selected ? t('requests.answering') : t('requests.answer')}
        </button>
      </div>
    </li>
  );
}

/** Each deficiency with the qualification elements it is about (MISSION item 7), in the user's language. */
export function DeficiencyList({ codes }: { codes: readonly DeficiencyCode[] }) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' });
  return (
    <ul className="deficiencies">
      {codes.map((code) => {
        const elements = DEFICIENCY_ELEMENTS[code];
        return (
          <li key={code} data-testid="deficiency" data-code={code} data-elements={elements.join(' ')}>
            <span className="strong">{t(`requests.deficiencies.${code}`)}</span>
            {elements.length > 0 && (
              <span className="muted small">
                {' '}
                — {t('requests.covers', { elements: list.format(elements.map((element) => t(`requests.elements.${element}`))) })}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
