import type { CounterNotice, CounterNoticeState } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { counterNoticeEvidenceUrl } from '../lib/api';
import { formatBytes, formatDateTime } from '../lib/format';

/** What both parties see of a counter-notice; the complainant's proofs are shown to the complainant only. */
export type CounterNoticeView = Omit<CounterNotice, 'proofs'>;

const STATE_PILL: Record<CounterNoticeState, string> = {
  window_open: 'pill-warn',
  proof_received: 'pill-accent',
  restore_due: 'pill-warn',
  restored: 'pill-muted',
  retained: 'pill-muted',
};

/** Legal bases of the seeded window rules, named as people cite them; another rule's basis is shown as configured. */
const KNOWN_BASES = ['cn_ecommerce_law_art43', 'dmca_512g'] as const;

/** The counter-notice's state; `data-state` carries the raw state for tests and styling. */
export function CounterNoticeStatePill({ state }: { state: CounterNoticeState }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <span className={`pill ${STATE_PILL[state]}`} data-testid="counter-notice-state" data-state={state}>
      {t(`seller:counterNotice.states.${state}`)}
    </span>
  );
}

/**
 * When it was filed, when it counts as delivered to the complainant, and the
 * window that runs from there, under its rule. Times are in the viewer's own
 * zone, with the zone named: the window ends at one instant for both parties.
 */
export function CounterNoticeFacts({ counterNotice }: { counterNotice: CounterNoticeView }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const { rule } = counterNotice;
  const basis = KNOWN_BASES.find((known) => known === rule.basis);
  return (
    <dl className="facts facts-wide">
      <dt>{t('seller:counterNotice.filedAt')}</dt>
      <dd>
        <time dateTime={counterNotice.filedAt}>{formatDateTime(counterNotice.filedAt, i18n.language)}</time>
      </dd>
      <dt>{t('seller:counterNotice.deliveredAt')}</dt>
      <dd>
        <time dateTime={counterNotice.deliveredAt}>{formatDateTime(counterNotice.deliveredAt, i18n.language)}</time>
      </dd>
      <dt>{t('seller:counterNotice.windowEndsAt')}</dt>
      <dd>
        <time className="strong" dateTime={counterNotice.windowEndsAt} data-testid="counter-notice-window-ends" data-at={counterNotice.windowEndsAt}>
          {formatDateTime(counterNotice.windowEndsAt, i18n.language)}
        </time>
      </dd>
      <dt>{t('seller:counterNotice.rule')}</dt>
      <dd data-testid="counter-notice-rule" data-kind={rule.kind} data-days={rule.days}>
        {t(`seller:counterNotice.ruleKinds.${rule.kind}`, { count: rule.days })}
        {' · '}
        {basis ? t(`seller:counterNotice.bases.${basis}`) : rule.basis}
      </dd>
    </dl>
  );
}

/** The seller's true identity as filed, which the complainant receives with the counter-notice. */
export function CounterNoticeIdentity({ identity }: { identity: CounterNotice['identity'] }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <dl className="facts facts-wide" data-testid="counter-notice-identity">
      <dt>{t('seller:counterNotice.identity.legalName')}</dt>
      <dd data-testid="counter-notice-identity-name">{identity.legalName}</dd>
      <dt>{t('seller:counterNotice.identity.registrationNumber')}</dt>
      <dd>
        <code>{identity.registrationNumber}</code>
      </dd>
      <dt>{t('seller:counterNotice.identity.address')}</dt>
      <dd className="pre-wrap">{identity.address}</dd>
      <dt>{t('seller:counterNotice.identity.email')}</dt>
      <dd>{identity.email}</dd>
      <dt>{t('seller:counterNotice.identity.phone')}</dt>
      <dd>{identity.phone}</dd>
    </dl>
  );
}

/** The seller's evidence, each a download (a party's file is never rendered in the console). */
export function CounterNoticeEvidence({ counterNotice }: { counterNotice: Pick<CounterNoticeView, 'id' | 'evidence'> }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <div>
      <h4 className="subheading">{t('seller:counterNotice.evidence')}</h4>
      <ul className="plain-list small">
        {counterNotice.evidence.map((document) => (
          <li key={document.id}>
            <a
              href={counterNoticeEvidenceUrl(counterNotice.id, document.id)}
              download
              data-testid="counter-notice-evidence-link"
              data-document-id={document.id}
              title={`SHA-256 ${document.sha256}`}
            >
              {document.fileName}
            </a>{' '}
            <span className="muted">{formatBytes(document.bytes, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Staff's restore-or-retain decision and its statement of reasons, which both parties receive. */
export function CounterNoticeDecision({ decision }: { decision: NonNullable<CounterNotice['decision']> }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <div className="info-response" data-testid="counter-notice-decision" data-action={decision.action}>
      <p className="strong">
        {t(`seller:counterNotice.decisions.${decision.action}`)}{' '}
        <span className="muted small">
          <time dateTime={decision.decidedAt}>{formatDateTime(decision.decidedAt, i18n.language)}</time>
        </span>
      </p>
      <p className="pre-wrap" data-testid="counter-notice-decision-statement">
        {decision.statement}
      </p>
    </div>
  );
}
