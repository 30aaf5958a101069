import { useTranslation } from 'react-i18next';
import { translateError } from '@/lib/i18n';

/** An error code rendered in the user's language. */
export function ErrorText({ code, testId }: { code: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="error" role="alert" data-testid={testId}>
      {translateError(t, (key) => i18n.exists(key), code)}
    </p>
  );
}
