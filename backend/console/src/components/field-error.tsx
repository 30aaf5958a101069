import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { knownFieldError } from '../lib/field-errors';

/** The problems with one form field, translated from their codes; nothing when there are none. */
export function FieldError({ field, codes }: { field: string; codes: readonly string[] | undefined }) {
  const { t } = useTranslation(NAMESPACES);
  if (!codes?.length) return null;
  const texts = [...new Set(codes.map((code) => t(`fieldErrors.${knownFieldError(code)}`)))];
  return (
    <span className="field-error" role="alert" data-testid="field-error" data-field={field}>
      {texts.join(' ')}
    </span>
  );
}
