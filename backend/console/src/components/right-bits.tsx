import type { Right, RightProof, RightStatus } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { rightProofUrl } from '../lib/api';
import { formatBytes, formatCalendarDate } from '../lib/format';
import { utcToday, validityOn, type Validity } from '../lib/validity';

const RIGHT_STATUS_PILL: Record<RightStatus, string> = { pending: 'pill-warn', verified: 'pill-ok', rejected: 'pill-danger' };

const VALIDITY_PILL: Record<Validity, string | undefined> = {
  not_yet_valid: 'pill-warn',
  valid: undefined,
  expiring: 'pill-warn',
  expired: 'pill-danger',
};

/** The right's verification state; `data-status` carries the raw state for tests and styling. */
export function RightStatusPill({ status }: { status: RightStatus }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <span className={`pill ${RIGHT_STATUS_PILL[status]}`} data-testid="right-status" data-status={status}>
      {t(`rights.states.${status}`)}
    </span>
  );
}

/** The dates a right is in force, flagged when it cannot support a complaint today or soon will not. */
export function RightValidity({ right }: { right: Pick<Right, 'validFrom' | 'validUntil'> }) {
  const { i18n } = useTranslation(NAMESPACES);
  return (
    <>
      <div>{formatCalendarDate(right.validFrom, i18n.language)}</div>
      <div>– {formatCalendarDate(right.validUntil, i18n.language)}</div>
      <ValidityPill validity={validityOn(right, utcToday())} />
    </>
  );
}

/** Nothing for a right in force. */
function ValidityPill({ validity }: { validity: Validity }) {
  const { t } = useTranslation(NAMESPACES);
  const pill = VALIDITY_PILL[validity];
  if (!pill) return null;
  return (
    <span className={`pill ${pill}`} data-testid="right-validity" data-validity={validity}>
      {t(`rights.validity.${validity}`)}
    </span>
  );
}

/** Nice classes for trademarks, the written scope for other rights (and for trademarks that give one). */
export function RightScope({ right }: { right: Pick<Right, 'niceClasses' | 'scope'> }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <>
      {right.niceClasses.length > 0 && <div data-testid="right-row-classes">{t('rights.classes', { classes: right.niceClasses.join(', ') })}</div>}
      {right.scope && <div className="pre-wrap small">{right.scope}</div>}
    </>
  );
}

/** A proof document, served only as a download (a customer's file is not rendered in the console). */
export function ProofLink({ rightId, proof }: { rightId: string; proof: RightProof }) {
  const { i18n } = useTranslation(NAMESPACES);
  return (
    <span className="document-link">
      <a href={rightProofUrl(rightId, proof.id)} download data-testid="right-proof" data-proof-id={proof.id} title={`SHA-256 ${proof.sha256}`}>
        {proof.fileName}
      </a>
      <span className="muted small"> {formatBytes(proof.bytes, i18n.language)}</span>
    </span>
  );
}

/** Every proof filed with the right, each a download. */
export function RightProofs({ right }: { right: Pick<Right, 'id' | 'proofs'> }) {
  return (
    <ul className="plain-list">
      {right.proofs.map((proof) => (
        <li key={proof.id}>
          <ProofLink rightId={right.id} proof={proof} />
        </li>
      ))}
    </ul>
  );
}
