import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import type { DecisionBlockers } from '../lib/statement';

interface DecisionFooterProps {
  /** What still keeps the decision from being sent; absent once it can be. */
  blockers: DecisionBlockers | undefined;
  ready: boolean;
  sending: boolean;
  /** The server's refusal, translated. */
  failure: string | undefined;
  failureCode: string | undefined;
  onSend: () => void;
  onSendNext: () => void;
}

/**
 * The decision's send buttons, and in words what keeps them disabled: listings
 * without an outcome, and statements with [[placeholders]] left (which the
 * server would refuse with 422 placeholder_unfilled).
 */
export function DecisionFooter({ blockers, ready, sending, failure, failureCode, onSend, onSendNext }: DecisionFooterProps) {
  const { t } = useTranslation(NAMESPACES);
  const unfilled = blockers?.statements.filter((item) => item.problem === 'placeholders') ?? [];
  const short = blockers?.statements.filter((item) => item.problem !== 'placeholders') ?? [];
  return (
    <div className="card decision-footer" data-testid="decision-footer" data-ready={String(ready)}>
      {blockers && (
        <ul className="plain-list small" data-testid="decision-blockers">
          {blockers.undecided.length > 0 && (
            <li data-testid="decision-undecided" data-listings={blockers.undecided.join(',')}>
              {t('review.decision.undecided', { count: blockers.undecided.length, listings: blockers.undecided.join(', ') })}
            </li>
          )}
          {unfilled.map((item) => (
            <li key={item.position} className="text-danger" data-testid="decision-unfilled" data-position={item.position}>
              {t('review.decision.unfilled', { position: item.position, placeholders: item.placeholders.map((name) => `[[${name}]]`).join(' ') })}
            </li>
          ))}
          {short.map((item) => (
            <li key={item.position} data-testid="decision-statement-short" data-position={item.position}>
              {t('review.decision.statementShort', { position: item.position })}
            </li>
          ))}
        </ul>
      )}
      {failure !== undefined && (
        <p className="form-error" role="alert" data-testid="decision-error" data-code={failureCode ?? ''}>
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button className="button" type="button" data-testid="decision-send" disabled={!ready} onClick={onSend}>
          {sending ? t('review.decision.sending') : t('review.decision.send')}
        </button>
        <button className="button button-primary" type="button" data-testid="decision-submit-next" disabled={!ready} onClick={onSendNext}>
          {sending ? t('review.decision.sending') : t('review.decision.sendNext')} <kbd>s</kbd>
        </button>
      </div>
    </div>
  );
}
