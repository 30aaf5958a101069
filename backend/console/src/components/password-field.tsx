import { checkPassword, PASSWORD_MIN_LENGTH, type PasswordProblem } from '@openipp/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { FieldError } from './field-error';

interface PasswordFieldProps {
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** The account's e-mail address: the policy refuses passwords built from it. */
  email: string;
  /** Problems the server reported, shown until the password changes. */
  serverProblems?: readonly string[];
  /** Field error codes from a schema check (e.g. an empty password after submitting). */
  errorCodes?: readonly string[];
}

const PROBLEMS: readonly PasswordProblem[] = ['too_short', 'too_long', 'too_common', 'contains_email'];
export const isPasswordProblem = (code: string): code is PasswordProblem => (PROBLEMS as readonly string[]).includes(code);

/**
 * A new password with live feedback from the shared policy — the very check the
 * server runs, so what passes here passes there.
 */
export function PasswordField({ testId, value, onChange, email, serverProblems = [], errorCodes }: PasswordFieldProps) {
  const { t } = useTranslation(NAMESPACES);
  const hintId = useId();
  const problems = value ? checkPassword(value, { email }) : [];
  const shown = [...new Set([...problems, ...serverProblems.filter(isPasswordProblem)])];
  const ok = value !== '' && shown.length === 0;
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${hintId}-input`}>
        {t('common:password')}
      </label>
      <input
        id={`${hintId}-input`}
        data-testid={testId}
        type="password"
        autoComplete="new-password"
        required
        value={value}
        aria-describedby={hintId}
        aria-invalid={shown.length > 0 || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <div id={hintId} className="password-feedback" data-testid={`${testId}-feedback`} aria-live="polite">
        {shown.length === 0 ? (
          <span className={ok ? 'password-ok' : 'muted small'}>
            {ok ? t('password.ok') : t('password.rules', { min: PASSWORD_MIN_LENGTH })}
          </span>
        ) : (
          <ul className="password-problems">
            {shown.map((problem) => (
              <li key={problem} data-problem={problem}>
                {t(`password.problems.${problem}`, { min: PASSWORD_MIN_LENGTH })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {value === '' && <FieldError field="password" codes={errorCodes} />}
    </div>
  );
}
