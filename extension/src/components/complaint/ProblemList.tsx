import { useTranslation } from 'react-i18next';
import { translateProblem } from '@/lib/i18n';

export interface ShownProblem {
  code: string;
  path: string;
  params?: Record<string, string | number> | undefined;
}

/**
 * Qualification problems in the order given, one item each, worded from the
 * `qualification` namespace. The data attributes carry the problem itself, so
 * automation can compare the page with the server's verdict.
 */
export function ProblemList({ problems, server = false }: { problems: readonly ShownProblem[]; server?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="problems" data-testid={server ? 'server-problems' : 'problems'}>
      {problems.map((problem, index) => (
        <li
          key={`${index}-${problem.code}-${problem.path}`}
          data-testid={server ? 'server-problem' : 'problem'}
          data-code={problem.code}
          data-path={problem.path}
          data-params={problem.params ? JSON.stringify(problem.params) : undefined}
        >
          {translateProblem(t, (key) => i18n.exists(key), problem)}
        </li>
      ))}
    </ul>
  );
}
