import type { Complaint, ComplaintListingOut, Timeline } from '@openipp/shared';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { payloadLines, type CodeText, type TimelineField } from '../lib/timeline';
import { LoadError, LoadingLine } from './load-status';

/** The audit trail's kinds; a kind added later is shown by its code until it gets a name here. */
const KNOWN_KINDS = ['capture_received', 'complaint_transition', 'right_decided', 'decision', 'info_request', 'sanction', 'abuse_mark', 'disclosure'] as const;

/**
 * The complaint's audit trail (issue #5 part 7): every entry recorded about
 * it, in order, each re-checked against the hash chain by the server and
 * marked verified or not. Reloaded with the page, so a new step shows.
 */
export function ComplaintTimeline({ api, complaint }: { api: ApiClient; complaint: Pick<Complaint, 'id' | 'updatedAt' | 'listings'> }) {
  const { t } = useTranslation(NAMESPACES);
  // The complaint's updatedAt changes with every step: reading again then shows it.
  const { data, error, loading, reload } = useResource<Timeline>(() => api.complaintTimeline(complaint.id), [api, complaint.id, complaint.updatedAt]);
  return (
    <div className="card" aria-labelledby="timeline-heading" data-testid="complaint-timeline">
      <div className="card-heading">
        <div>
          <h2 id="timeline-heading">{t('timeline.heading')}</h2>
          <p className="muted">{t('timeline.subtitle')}</p>
        </div>
        <button className="button button-small" type="button" data-testid="timeline-refresh" onClick={() => void reload()}>
          {t('captures.refresh')}
        </button>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {data && <TimelineTable timeline={data} listings={complaint.listings} />}
    </div>
  );
}

export function TimelineTable({ timeline, listings }: { timeline: Timeline; listings: readonly Pick<ComplaintListingOut, 'id' | 'position'>[] }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const words = useCallback(
    (code: CodeText): string => {
      switch (code.vocabulary) {
        case 'state':
          return t(`complaints.states.${code.code}`);
        case 'event':
          return t(`complaints.events.${code.code}`);
        case 'step':
          return t(`timeline.steps.${code.code}`);
        case 'stage':
          return t(`timeline.stages.${code.code}`);
        case 'measure':
          return t(`timeline.measures.${code.code}`);
        case 'outcome':
          return t(`complaints.outcomes.${code.code}`);
        case 'deficiency':
          return t(`review:deficiencies.${code.code}`);
        case 'sanction':
          return t(`review.sanctions.${code.code}`);
        case 'abuse':
          return t(`review.abuse.kinds.${code.code}`);
      }
    },
    [t],
  );
  const more = useCallback((count: number) => t('timeline.more', { count }), [t]);
  const when = useCallback((iso: string) => formatDateTime(iso, i18n.language), [i18n.language]);
  const positions = useMemo(() => new Map(listings.map((listing) => [listing.id, listing.position])), [listings]);
  const listing = useCallback(
    (id: string) => {
      const position = positions.get(id);
      return position === undefined ? undefined : t('review.listing.heading', { position });
    },
    [positions, t],
  );

  if (timeline.items.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const broken = timeline.items.filter((entry) => !entry.verified).length;
  return (
    <>
      <p className={broken === 0 ? 'form-success' : 'form-error'} data-testid="timeline-integrity" data-broken={broken}>
        {broken === 0 ? t('timeline.allVerified', { count: timeline.items.length }) : t('timeline.someBroken', { count: broken })}
      </p>
      <div className="table-wrap">
        <table className="data-table" data-testid="timeline-table">
          <thead>
            <tr>
              <th scope="col">{t('timeline.columns.seq')}</th>
              <th scope="col">{t('timeline.columns.time')}</th>
              <th scope="col">{t('timeline.columns.kind')}</th>
              <th scope="col">{t('timeline.columns.actor')}</th>
              <th scope="col">{t('timeline.columns.summary')}</th>
              <th scope="col">{t('timeline.columns.verified')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.items.map((entry) => {
              const kind = KNOWN_KINDS.find((known) => known === entry.kind);
              return (
                <tr key={entry.seq} data-testid="timeline-entry" data-seq={entry.seq} data-kind={entry.kind} data-verified={String(entry.verified)}>
                  <td className="nowrap">
                    <code>{entry.seq}</code>
                  </td>
                  <td className="nowrap small">
                    <time dateTime={entry.at} title={entry.at}>
                      {formatDateTime(entry.at, i18n.language)}
                    </time>
                  </td>
                  <td>{kind ? t(`timeline.kinds.${kind}`) : entry.kind}</td>
                  <td className="small">{entry.actor ? entry.actor.email : <span className="muted">{t('timeline.system')}</span>}</td>
                  <td className="small" data-testid="timeline-summary">
                    <dl className="facts timeline-facts">
                      {payloadLines(entry.payload, { words, more, listing, when }).map((line) => (
                        <div key={line.field} className="timeline-fact">
                          <dt>{line.known ? t(`timeline.fields.${line.field as TimelineField}`) : line.field}</dt>
                          <dd className="pre-wrap">{line.value}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                  <td className="nowrap" title={`SHA-256 ${entry.hash}`}>
                    {entry.verified ? (
                      <span className="pill pill-ok" data-testid="timeline-verified">
                        ✓ {t('timeline.verified')}
                      </span>
                    ) : (
                      <span className="pill pill-danger" data-testid="timeline-broken">
                        ✗ {t('timeline.broken')}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
