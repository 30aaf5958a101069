import { useTranslation } from 'react-i18next';
import type { ComplaintInput, QualificationProblem } from '@openipp/shared';
import { ProblemList } from './ProblemList';

export interface VerdictPanelProps {
  /** False until the draft, the server's facts and the local captures are all read. */
  ready: boolean;
  /** False when the stored draft is not a ComplaintInput. */
  valid: boolean;
  input: ComplaintInput;
  problems: readonly QualificationProblem[];
  now: Date;
  onReset: () => void;
}

/**
 * The live verdict (issue #4): exactly qualifyNotice's output for the stored
 * draft. `data-judged` and `data-now` say what it was computed from.
 */
export function VerdictPanel({ ready, valid, input, problems, now, onReset }: VerdictPanelProps) {
  const { t } = useTranslation();
  return (
    <section
      className="verdict"
      data-testid="verdict"
      data-ready={ready && valid}
      data-count={problems.length}
      data-now={now.toISOString()}
      data-judged={JSON.stringify(input)}
      aria-live="polite"
    >
      <h2>{t('complaint.verdict.title')}</h2>
      {!valid ? (
        <div data-testid="draft-invalid">
          <p className="error">{t('complaint.verdict.invalidDraft')}</p>
          <button data-testid="reset-draft" onClick={onReset}>
            {t('complaint.verdict.reset')}
          </button>
        </div>
      ) : !ready ? (
        <p className="muted">{t('complaint.verdict.waiting')}</p>
      ) : problems.length === 0 ? (
        <p className="ok qualified" data-testid="qualified">
          {t('complaint.verdict.qualified')}
        </p>
      ) : (
        <>
          <p className="muted small">{t('complaint.verdict.problems', { count: problems.length })}</p>
          <ProblemList problems={problems} />
        </>
      )}
    </section>
  );
}
