import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';

interface CopyButtonProps {
  text: string;
  /** Selected when the clipboard is unavailable (plain http on a non-local host), so Ctrl+C still works. */
  target: RefObject<HTMLElement | null>;
}

export function CopyButton({ text, target }: CopyButtonProps) {
  const { t } = useTranslation(NAMESPACES);
  const [outcome, setOutcome] = useState<'copied' | 'failed'>();

  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(undefined), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      const element = target.current;
      const selection = window.getSelection();
      if (element && selection) selection.selectAllChildren(element);
      setOutcome('failed');
    }
  }

  return (
    <button
      type="button"
      className="button button-small copy-button"
      data-testid="copy-sha256"
      aria-label={t('captures.copyLabel')}
      onClick={() => void copy()}
    >
      <span aria-live="polite">
        {outcome === 'copied' ? t('captures.copied') : outcome === 'failed' ? t('captures.copyFailed') : t('captures.copy')}
      </span>
    </button>
  );
}
