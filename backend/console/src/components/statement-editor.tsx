import { STATEMENT_MAX_LENGTH, unfilledPlaceholders, type DecisionTemplateId } from '@openipp/shared';
import { useId, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { nextPlaceholder, statementProblem } from '../lib/statement';

interface StatementEditorProps {
  /** Templates on offer, e.g. the upholding ones for an upheld listing. */
  templates: readonly DecisionTemplateId[];
  template: DecisionTemplateId | '';
  statement: string;
  onChange: (next: { template: DecisionTemplateId | ''; statement: string }) => void;
  /** Set on the fields as data-listing-id, so each listing's fields can be told apart. */
  listingId?: string;
  textareaRef?: Ref<HTMLTextAreaElement>;
  disabled?: boolean;
  /** Ctrl+Enter (⌘+Enter) in the text: send without leaving the keyboard. */
  onSubmitKey?: () => void;
}

/**
 * A statement of reasons: a template in the reviewer's language, then the
 * reviewer's own words over its [[placeholders]]. Tab in the text selects the
 * next placeholder, so typing replaces it; the placeholders left are listed
 * under the text, and nothing can be sent while any remain.
 */
export function StatementEditor({ templates, template, statement, onChange, listingId, textareaRef, disabled, onSubmitKey }: StatementEditorProps) {
  const { t } = useTranslation(NAMESPACES);
  const id = useId();
  const left = unfilledPlaceholders(statement);
  const problem = statementProblem(statement);

  function pick(value: DecisionTemplateId | '') {
    onChange({ template: value, statement: value === '' ? statement : t(`review:templates.${value}`) });
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && onSubmitKey) {
      event.preventDefault();
      onSubmitKey();
      return;
    }
    if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const field = event.currentTarget;
    const range = nextPlaceholder(field.value, field.selectionEnd === field.selectionStart ? field.selectionStart : field.selectionEnd);
    // With no placeholder left, Tab moves on to the next control as usual.
    if (!range) return;
    event.preventDefault();
    field.setSelectionRange(range.start, range.end);
  }

  return (
    <div className="statement-editor">
      <label className="field">
        <span className="field-label">{t('review.statement.template')}</span>
        <select
          data-testid="template-picker"
          data-listing-id={listingId}
          value={template}
          disabled={disabled}
          onChange={(event) => pick(event.target.value as DecisionTemplateId | '')}
        >
          <option value="">{t('review.statement.ownWords')}</option>
          {templates.map((value) => (
            <option key={value} value={value}>
              {t(`review:templateNames.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('review.statement.label')}</span>
        <textarea
          ref={textareaRef}
          id={id}
          data-testid="statement"
          data-listing-id={listingId}
          data-unfilled={left.length}
          rows={5}
          maxLength={STATEMENT_MAX_LENGTH}
          value={statement}
          disabled={disabled}
          aria-invalid={problem !== null && statement !== ''}
          aria-describedby={`${id}-state`}
          onKeyDown={keyDown}
          onChange={(event) => onChange({ template, statement: event.target.value })}
        />
      </label>
      <div id={`${id}-state`} className="small" data-testid="statement-state" data-problem={problem ?? ''}>
        {left.length > 0 ? (
          <span className="text-danger" data-testid="statement-unfilled">
            {t('review.statement.unfilled', { count: left.length })}{' '}
            {left.map((name, index) => (
              <code key={`${name}-${index}`} className="placeholder-chip">
                [[{name}]]
              </code>
            ))}
            <span className="muted"> {t('review.statement.tabHint')}</span>
          </span>
        ) : problem === 'too_short' || problem === 'empty' ? (
          <span className="muted">{t('review.statement.tooShort')}</span>
        ) : problem === 'too_long' ? (
          <span className="text-danger">{t('review.statement.tooLong', { max: STATEMENT_MAX_LENGTH })}</span>
        ) : (
          <span className="text-ok">{t('review.statement.ready')}</span>
        )}
      </div>
    </div>
  );
}
