import { useTranslation } from 'react-i18next';
import {
  REASON_CODES,
  REASONS_BY_RIGHT_TYPE,
  type ComplaintContext,
  type ComplaintInput,
  type ComplaintRightOption,
  type ReasonCode,
} from '@openipp/shared';
import { setPrincipal } from '@/lib/complaint-draft';

export interface RightFieldsProps {
  input: ComplaintInput;
  context: ComplaintContext;
  onChange: (change: (input: ComplaintInput) => ComplaintInput) => void;
}

/**
 * Principal (agencies only), right and reason. Only the chosen principal's
 * rights and only reasons fitting the right's type are offered, but a stored
 * value outside those lists still shows, so the problem it causes is visible
 * where it can be fixed.
 */
export function RightFields({ input, context, onChange }: RightFieldsProps) {
  const { t } = useTranslation();
  const principalId = input.principalId ?? null;
  const rights = context.rights.filter((right) => right.principalId === principalId);
  const chosen = rights.find((right) => right.id === input.rightId);
  const reasons: readonly ReasonCode[] = chosen ? REASONS_BY_RIGHT_TYPE[chosen.type] : REASON_CODES;
  const showPrincipal = context.tenantKind === 'agency' || input.principalId !== null;

  const rightLabel = (right: ComplaintRightOption) =>
    t('complaint.rightOption', {
      type: t(`rightTypes.${right.type}`),
      number: right.registrationNumber,
      status: t(`rightStatuses.${right.status}`),
      from: right.validFrom,
      until: right.validUntil,
    });

  return (
    <section className="fields">
      {showPrincipal && (
        <label>
          {t('complaint.principal')}
          <select
            data-testid="principal-select"
            value={input.principalId ?? ''}
            onChange={(event) => onChange((current) => setPrincipal(current, event.target.value || null, context))}
          >
            <option value="">{t('complaint.principalNone')}</option>
            {context.principals.map((principal) => (
              <option key={principal.id} value={principal.id}>
                {principal.legalName}
              </option>
            ))}
            {input.principalId !== null && !context.principals.some((p) => p.id === input.principalId) && (
              <option value={input.principalId}>{input.principalId}</option>
            )}
          </select>
        </label>
      )}

      <label>
        {t('complaint.right')}
        <select
          data-testid="right-select"
          value={input.rightId ?? ''}
          onChange={(event) => onChange((current) => ({ ...current, rightId: event.target.value || null }))}
        >
          <option value="">{t('complaint.rightNone')}</option>
          {rights.map((right) => (
            <option key={right.id} value={right.id} data-status={right.status}>
              {rightLabel(right)}
            </option>
          ))}
          {input.rightId !== null && !chosen && (
            <option value={input.rightId}>{t('complaint.rightUnavailable', { id: input.rightId })}</option>
          )}
        </select>
      </label>
      {rights.length === 0 && (
        <p className="muted small" data-testid="no-rights">
          {t('complaint.noRights')}
        </p>
      )}
      {chosen && (
        <p className="muted small" data-testid="right-details" data-status={chosen.status}>
          {t('complaint.rightDetails', {
            type: t(`rightTypes.${chosen.type}`),
            number: chosen.registrationNumber,
            status: t(`rightStatuses.${chosen.status}`),
            from: chosen.validFrom,
            until: chosen.validUntil,
            territories: chosen.territories.join(', '),
          })}
        </p>
      )}

      <label>
        {t('complaint.reason')}
        <select
          data-testid="reason-select"
          value={input.reason ?? ''}
          onChange={(event) =>
            onChange((current) => ({ ...current, reason: (event.target.value || null) as ReasonCode | null }))
          }
        >
          <option value="">{t('complaint.reasonNone')}</option>
          {reasons.map((reason) => (
            <option key={reason} value={reason}>
              {t(`reasons.${reason}`)}
            </option>
          ))}
          {input.reason !== null && !reasons.includes(input.reason) && (
            <option value={input.reason}>
              {t('complaint.reasonNotFitting', { reason: t(`reasons.${input.reason}`) })}
            </option>
          )}
        </select>
      </label>
    </section>
  );
}
