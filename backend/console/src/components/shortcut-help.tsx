import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';

export type ShortcutView = 'queue' | 'evidence';

type QueueAction = 'down' | 'up' | 'open' | 'select' | 'next' | 'help' | 'close';
type EvidenceAction = 'down' | 'up' | 'uphold' | 'reject' | 'info' | 'submitNext' | 'sendFromField' | 'next' | 'placeholder' | 'help' | 'close';

/** What each view's keys do, in the order the help lists them. The pages bind the same keys. */
export const SHORTCUT_HELP: { queue: ReadonlyArray<{ keys: string[]; action: QueueAction }>; evidence: ReadonlyArray<{ keys: string[]; action: EvidenceAction }> } = {
  queue: [
    { keys: ['j'], action: 'down' },
    { keys: ['k'], action: 'up' },
    { keys: ['o', 'Enter'], action: 'open' },
    { keys: ['x'], action: 'select' },
    { keys: ['n'], action: 'next' },
    { keys: ['?'], action: 'help' },
    { keys: ['Esc'], action: 'close' },
  ],
  evidence: [
    { keys: ['j'], action: 'down' },
    { keys: ['k'], action: 'up' },
    { keys: ['u'], action: 'uphold' },
    { keys: ['r'], action: 'reject' },
    { keys: ['Tab'], action: 'placeholder' },
    { keys: ['s'], action: 'submitNext' },
    { keys: ['Ctrl', 'Enter'], action: 'sendFromField' },
    { keys: ['i'], action: 'info' },
    { keys: ['n'], action: 'next' },
    { keys: ['?'], action: 'help' },
    { keys: ['Esc'], action: 'close' },
  ],
};

/** Every shortcut of the view, in a modal dialog: Escape (the dialog's own) or the button closes it. */
export function ShortcutHelp({ view, onClose }: { view: ShortcutView; onClose: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    return () => element.close();
  }, []);

  const rows: ReadonlyArray<{ keys: string[]; action: string }> = SHORTCUT_HELP[view];
  return (
    <dialog
      ref={dialog}
      className="lightbox shortcut-help"
      data-testid="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onClose={onClose}
      onClick={(event) => event.target === event.currentTarget && onClose()}
    >
      <div className="lightbox-bar">
        <span className="lightbox-title" id="shortcut-help-title">
          {t('review.shortcuts.title')}
        </span>
        <button className="button button-small" type="button" data-testid="shortcut-help-close" onClick={onClose} autoFocus>
          {t('lightbox.close')}
        </button>
      </div>
      <div className="shortcut-help-body">
        <p className="muted small">{t('review.shortcuts.typingNote')}</p>
        <table className="data-table">
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.action}-${row.keys.join()}`} data-testid="shortcut-help-key" data-key={row.keys.join(' ')}>
                <td className="nowrap">
                  {row.keys.map((key) => (
                    <kbd key={key}>{key}</kbd>
                  ))}
                </td>
                <td>{view === 'queue' ? t(`review.shortcuts.queue.${row.action as QueueAction}`) : t(`review.shortcuts.evidence.${row.action as EvidenceAction}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </dialog>
  );
}
