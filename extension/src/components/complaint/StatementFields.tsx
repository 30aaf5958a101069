import { useTranslation } from 'react-i18next';
import { EXPLANATION_MAX_LENGTH, EXPLANATION_MIN_LENGTH, type ComplaintInput } from '@openipp/shared';

export interface StatementFieldsProps {
  input: ComplaintInput;
  onChange: (change: (input: ComplaintInput) => ComplaintInput) => void;
}

/** Length as the qualification rule counts it: code points of the trimmed text. */
function length(text: string): number {
  return [...text.trim()].length;
}

/** The substantiated explanation and the two declarations (good faith, accuracy). */
export function StatementFields({ input, onChange }: StatementFieldsProps) {
  const { t } = useTranslation();
  return (
    <section className="fields">
      <label>
        {t('complaint.explanation')}
        <textarea
          data-testid="explanation"
          rows={5}
          maxLength={EXPLANATION_MAX_LENGTH}
          value={input.explanation}
          aria-describedby="explanation-hint"
          onChange={(event) => {
            const explanation = event.target.value;
            onChange((current) => ({ ...current, explanation }));
          }}
        />
      </label>
      <p id="explanation-hint" className="muted small">
        {t('complaint.explanationHint', { min: EXPLANATION_MIN_LENGTH, count: length(input.explanation) })}
      </p>
      <fieldset className="declarations">
        <legend>{t('complaint.declarations')}</legend>
        <label className="check">
          <input
            type="checkbox"
            data-testid="good-faith"
            checked={input.goodFaith}
            onChange={(event) => {
              const goodFaith = event.target.checked;
              onChange((current) => ({ ...current, goodFaith }));
            }}
          />
          <span>{t('complaint.goodFaith')}</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="accuracy"
            checked={input.accuracy}
            onChange={(event) => {
              const accuracy = event.target.checked;
              onChange((current) => ({ ...current, accuracy }));
            }}
          />
          <span>{t('complaint.accuracy')}</span>
        </label>
      </fieldset>
    </section>
  );
}
