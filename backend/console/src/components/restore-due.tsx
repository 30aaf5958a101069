import { unfilledPlaceholders, type CounterNotice, type RestoreDueList } from '@openipp/shared';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import {
  RESTORE_STATEMENT_MAX,
  RESTORE_TEMPLATES,
  refusedPlaceholders,
  restoreDecisionOf,
  type RestoreAction,
  type RestoreDraft,
  type RestoreTemplateId,
} from '../lib/counter-notice-decision';
import { formatDateTime, formatShortDateTime } from '../lib/format';
import { complaintHref } from '../lib/pages';
import { nextPlaceholder } from '../lib/statement';
import { LoadError } from './load-status';
import { CounterNoticeCard, useRuleText } from './review-panels';

export type RestoreDueItem = RestoreDueList['items'][number];

/**
 * "Restore due" at the top of the review queue (issue #6 part 3): each
 * counter-notice whose window ended without the complainant showing that it
 * went to the authorities or to court. Opening one shows the counter-notice
 * and the restore-or-retain form in a dialog, so the queue stays where it was.
 * Nothing is shown while nothing is due.
 */
export function RestoreDueSection({ api, onDialog }: { api: ApiClient; onDialog?: (open: boolean) => void }) {
  const { t } = useTranslation(NAMESPACES);
  const { data, error, reload, setData } = useResource(() => api.reviewRestoreDue(), [api]);
  const [open, setOpen] = useState<RestoreDueItem>();
  const [notice, setNotice] = useState<string>();

  // The queue's own keys (j, k, o, …) rest while the dialog is open.
  useEffect(() => {
    onDialog?.(open !== undefined);
  }, [onDialog, open]);

  if (error === undefined && notice === undefined && (data === undefined || data.length === 0)) return null;
  return (
    <div className="card stack-small" data-testid="restore-due" aria-labelledby="restore-due-heading">
      <div className="card-heading">
        <div>
          <h2 id="restore-due-heading">{t('staff:restoreDue.heading', { count: data?.length ?? 0 })}</h2>
          <p className="muted">{t('staff:restoreDue.subtitle')}</p>
        </div>
        <button className="button button-small" type="button" data-testid="restore-due-refresh" onClick={() => void reload()}>
          {t('captures.refresh')}
        </button>
      </div>
      {notice && (
        <p className="form-success" role="status" data-testid="restore-due-notice">
          {notice}
        </p>
      )}
      <LoadError error={error} onRetry={() => void reload()} />
      {data !== undefined && data.length > 0 && <RestoreDueTable items={data} onOpen={setOpen} />}
      {open && (
        <RestoreDueDialog
          api={api}
          item={open}
          onClose={() => setOpen(undefined)}
          onDecided={(decided) => {
            setOpen(undefined);
            setNotice(t(`staff:restoreDue.done.${decided.decision?.action ?? 'restore'}`));
            // Decided items leave the list at once; the reload confirms it.
            setData((current) => current?.filter((item) => item.id !== decided.id));
            void reload();
          }}
        />
      )}
    </div>
  );
}

export function RestoreDueTable({ items, onOpen }: { items: readonly RestoreDueItem[]; onOpen: (item: RestoreDueItem) => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const ruleText = useRuleText();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="restore-due-table">
        <thead>
          <tr>
            <th scope="col">{t('staff:restoreDue.columns.listing')}</th>
            <th scope="col">{t('staff:restoreDue.columns.complaint')}</th>
            <th scope="col">{t('staff:restoreDue.columns.windowEnded')}</th>
            <th scope="col">{t('staff:restoreDue.columns.rule')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('staff:restoreDue.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.id}
              data-testid="restore-due-item"
              data-counter-notice-id={item.id}
              data-complaint-id={item.complaintId}
              data-listing-id={item.listingId}
              data-window-ends-at={item.windowEndsAt}
            >
              <td className="cell-summary">
                <a href={item.canonicalUrl} target="_blank" rel="noopener noreferrer" className="page-url" data-testid="restore-due-url">
                  {item.canonicalUrl}
                </a>
              </td>
              <td>
                <a href={complaintHref(item.complaintId)} data-testid="restore-due-complaint">
                  <code>{item.complaintId}</code>
                </a>
              </td>
              <td className="nowrap small">
                <time dateTime={item.windowEndsAt}>{formatShortDateTime(item.windowEndsAt, i18n.language)}</time>
                <div className="muted">{t('staff:restoreDue.dueSince', { time: formatShortDateTime(item.restoreDueAt, i18n.language) })}</div>
              </td>
              <td className="small" data-testid="restore-due-rule">
                {ruleText(item.rule)}
              </td>
              <td>
                <button className="button button-small button-primary" type="button" data-testid="restore-due-open" onClick={() => onOpen(item)}>
                  {t('staff:restoreDue.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The template's text, with the facts the platform knows filled in; the reviewer's facts stay as [[placeholders]]. */
function useTemplateText(): (template: RestoreTemplateId, counterNotice: CounterNotice) => string {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (template, counterNotice) =>
    t(`staff:restoreDue.templates.${template}`, {
      filedAt: formatDateTime(counterNotice.filedAt, i18n.language),
      deliveredAt: formatDateTime(counterNotice.deliveredAt, i18n.language),
      windowEndsAt: formatDateTime(counterNotice.windowEndsAt, i18n.language),
    });
}

/** Where a decision starts: restore when the window ended without proof, retain when proof came in. */
function initialAction(counterNotice: CounterNotice): RestoreAction {
  return counterNotice.state === 'proof_received' ? 'retain' : 'restore';
}

interface RestoreDueDialogProps {
  api: ApiClient;
  item: RestoreDueItem;
  onClose: () => void;
  onDecided: (counterNotice: CounterNotice) => void;
}

/** One restore-due item: the counter-notice in full, and the decision. */
export function RestoreDueDialog({ api, item, onClose, onDecided }: RestoreDueDialogProps) {
  const { t } = useTranslation(NAMESPACES);
  const dialog = useRef<HTMLDialogElement>(null);
  const templateText = useTemplateText();
  const [draft, setDraft] = useState<RestoreDraft>(() => {
    const action = initialAction(item);
    const template = RESTORE_TEMPLATES[action][0] ?? '';
    return { action, template, statement: template === '' ? '' : templateText(template, item) };
  });
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    return () => element.close();
  }, []);

  async function send() {
    const { request } = restoreDecisionOf(draft);
    if (!request || sending) return;
    setSending(true);
    setFailure(undefined);
    try {
      onDecided(await api.decideCounterNotice(item.id, request));
    } catch (error) {
      setFailure(error);
      setSending(false);
    }
  }

  return (
    <dialog ref={dialog} className="lightbox review-dialog" data-testid="restore-due-dialog" data-counter-notice-id={item.id} aria-labelledby="restore-due-title" onClose={onClose}>
      <div className="lightbox-bar">
        <span className="lightbox-title" id="restore-due-title">
          {t('staff:restoreDue.dialogTitle')}
        </span>
        <button className="button button-small" type="button" data-testid="restore-due-cancel" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
      <div className="review-dialog-body stack">
        <CounterNoticeCard counterNotice={item} listing={{ id: item.listingId, canonicalUrl: item.canonicalUrl }} />
        <RestoreDecisionForm counterNotice={item} draft={draft} onDraft={setDraft} sending={sending} failure={failure} onSend={() => void send()} />
      </div>
    </dialog>
  );
}

interface RestoreDecisionFormProps {
  counterNotice: CounterNotice;
  draft: RestoreDraft;
  onDraft: (draft: RestoreDraft) => void;
  sending: boolean;
  /** The server's refusal of the last attempt. */
  failure: unknown;
  onSend: () => void;
}

/**
 * Restore or retain, and the statement of reasons both parties will read:
 * a template in the reviewer's language with the window's dates filled in,
 * then the reviewer's own words over its [[placeholders]] (Tab selects the
 * next one). Send stays disabled while the statement is missing or holds a
 * placeholder; a refusal from the server is shown translated, with the
 * placeholders it named.
 */
export function RestoreDecisionForm({ counterNotice, draft, onDraft, sending, failure, onSend }: RestoreDecisionFormProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const templateText = useTemplateText();
  const id = useId();
  const decision = restoreDecisionOf(draft);
  const left = unfilledPlaceholders(draft.statement);
  const refused = refusedPlaceholders(failure);

  function choose(action: RestoreAction) {
    if (action === draft.action) return;
    // A statement still as the template wrote it follows the action; one the reviewer has worked on stays.
    const untouched = draft.statement.trim() === '' || (draft.template !== '' && draft.statement === templateText(draft.template, counterNotice));
    const template = RESTORE_TEMPLATES[action][0] ?? '';
    onDraft(untouched ? { action, template, statement: template === '' ? '' : templateText(template, counterNotice) } : { ...draft, action, template: '' });
  }

  function pick(template: RestoreTemplateId | '') {
    onDraft({ ...draft, template, statement: template === '' ? draft.statement : templateText(template, counterNotice) });
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSend();
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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSend();
  }

  return (
    <form className="stack-small" data-testid="restore-due-form" data-action={draft.action} data-ready={String(decision.request !== undefined)} onSubmit={submit}>
      <h3 className="subheading">{t('staff:restoreDue.decision')}</h3>
      <div className="segmented" role="radiogroup" aria-label={t('staff:restoreDue.decision')}>
        {(['restore', 'retain'] as const).map((action) => (
          <label key={action} className={`button ${draft.action === action ? (action === 'restore' ? 'button-primary' : 'button-danger-solid') : ''}`}>
            <input
              type="radio"
              name={`${id}-action`}
              value={action}
              data-testid={`restore-due-decide-${action}`}
              checked={draft.action === action}
              disabled={sending}
              onChange={() => choose(action)}
            />{' '}
            {t(`staff:restoreDue.actions.${action}`)}
          </label>
        ))}
      </div>
      <p className="muted small">{t(`staff:restoreDue.effects.${draft.action}`)}</p>
      <label className="field">
        <span className="field-label">{t('review.statement.template')}</span>
        <select data-testid="restore-due-template" value={draft.template} disabled={sending} onChange={(event) => pick(event.target.value as RestoreTemplateId | '')}>
          <option value="">{t('review.statement.ownWords')}</option>
          {RESTORE_TEMPLATES[draft.action].map((template) => (
            <option key={template} value={template}>
              {t(`staff:restoreDue.templateNames.${template}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('review.statement.label')}</span>
        <textarea
          id={id}
          data-testid="restore-due-statement"
          data-unfilled={left.length}
          rows={7}
          maxLength={RESTORE_STATEMENT_MAX}
          value={draft.statement}
          disabled={sending}
          aria-invalid={decision.problem !== undefined && draft.statement !== ''}
          aria-describedby={`${id}-state`}
          onKeyDown={keyDown}
          onChange={(event) => onDraft({ ...draft, statement: event.target.value })}
        />
      </label>
      <div id={`${id}-state`} className="small" data-testid="restore-due-statement-state" data-problem={decision.problem ?? ''}>
        {decision.problem === 'placeholders' ? (
          <span className="text-danger">
            {t('review.statement.unfilled', { count: left.length })}{' '}
            {left.map((name, index) => (
              <code key={`${name}-${index}`} className="placeholder-chip">
                [[{name}]]
              </code>
            ))}
            <span className="muted"> {t('review.statement.tabHint')}</span>
          </span>
        ) : decision.problem === 'empty' || decision.problem === 'too_short' ? (
          <span className="text-danger">{t('staff:restoreDue.statementMissing')}</span>
        ) : decision.problem === 'too_long' ? (
          <span className="text-danger">{t('review.statement.tooLong', { max: RESTORE_STATEMENT_MAX })}</span>
        ) : (
          <span className="text-ok">{t('review.statement.ready')}</span>
        )}
      </div>
      {failure !== undefined && (
        <div className="form-error" role="alert" data-testid="restore-due-error" data-code={failure instanceof ApiError ? failure.code : ''}>
          <p>{errorText(failure)}</p>
          {refused.length > 0 && <p data-testid="restore-due-refused-placeholders">{t('staff:restoreDue.refusedPlaceholders', { placeholders: refused.join('; ') })}</p>}
        </div>
      )}
      <div className="form-actions">
        <button
          className={`button ${draft.action === 'restore' ? 'button-primary' : 'button-danger-solid'}`}
          type="submit"
          data-testid="restore-due-submit"
          disabled={decision.request === undefined || sending}
        >
          {sending ? t('review.decision.sending') : t(`staff:restoreDue.submit.${draft.action}`)}
        </button>
      </div>
    </form>
  );
}
