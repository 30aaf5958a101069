import {
  QualificationCodeSchema,
  complaintDraftOf,
  qualifyNotice,
  type ComplaintFacts,
  type ComplaintInput,
  type ProblemFieldError,
  type QualificationProblem,
} from '@openipp/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';

/** A problem as either side reports it: a qualification code, the path it concerns, and its text's params. */
type Problem = Pick<QualificationProblem, 'path' | 'params'> & { code: string };

/**
 * Problems of a complaint draft, each translated from `qualification:<code>`
 * with its params. The code and path stay on the item for tests and for
 * anyone comparing the list with the server's.
 */
export function ProblemList({ problems, testId = 'problem' }: { problems: readonly Problem[]; testId?: string }) {
  const { t } = useTranslation(NAMESPACES);
  return (
    <ul className="problem-list" data-testid={`${testId}-list`}>
      {problems.map((problem, index) => {
        const code = QualificationCodeSchema.safeParse(problem.code);
        return (
          <li key={`${problem.path}-${problem.code}-${index}`} data-testid={testId} data-code={problem.code} data-path={problem.path}>
            {code.success ? t(`qualification:${code.data}`, problem.params ?? {}) : t('complaints.problemUnknown', { code: problem.code })}
          </li>
        );
      })}
    </ul>
  );
}

/** The server's 422 notice_not_qualified `errors[]`, in the same list. */
export function serverProblems(errors: readonly ProblemFieldError[]): Problem[] {
  return errors.map(({ code, path, params }) => (params ? { code, path, params } : { code, path }));
}

interface LiveVerdictProps {
  input: ComplaintInput;
  facts: ComplaintFacts;
  /** The moment validity is judged at (server time, as the server will judge it on filing). */
  now: Date;
}

/**
 * The verdict while the user edits: the very function the server runs on
 * filing, fed the same draft the server builds (complaintDraftOf), so the
 * list here is the list the server would answer.
 */
export function LiveVerdict({ input, facts, now }: LiveVerdictProps) {
  const { t } = useTranslation(NAMESPACES);
  const problems = useMemo(() => qualifyNotice(complaintDraftOf(input, facts), { now }), [input, facts, now]);
  return (
    <div className={`verdict ${problems.length === 0 ? 'verdict-ok' : 'verdict-open'}`} data-testid="live-verdict" data-problems={problems.length} aria-live="polite">
      {problems.length === 0 ? (
        <p className="verdict-title" data-testid="verdict-qualified">
          {t('complaints.builder.qualified')}
        </p>
      ) : (
        <>
          <p className="verdict-title">{t('complaints.builder.problems', { count: problems.length })}</p>
          <ProblemList problems={problems} />
        </>
      )}
    </div>
  );
}
