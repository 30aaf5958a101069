import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';

/** A failed load, with Retry; renders nothing while there is no failure. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  if (error === undefined) return null;
  return (
    <div className="banner banner-error" role="alert">
      <span>{errorText(error)}</span>
      <button className="button button-small" type="button" onClick={onRetry}>
        {t('common:retry')}
      </button>
    </div>
  );
}

/** The placeholder shown until the first answer; `status` lets screen readers announce it where it is the whole page. */
export function LoadingLine({ show, role }: { show: boolean; role?: 'status' }) {
  const { t } = useTranslation(NAMESPACES);
  if (!show) return null;
  return (
    <p className="muted" role={role}>
      {t('common:loading')}
    </p>
  );
}
