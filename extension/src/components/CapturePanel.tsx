import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Browser } from 'wxt/browser';
import { isCapturableUrl } from '@openipp/shared';
import { resolveTargetTab } from '@/hooks/useTargetTab';
import { sendMessage } from '@/lib/messaging';
import { ErrorText } from './ErrorText';

export function CapturePanel({ tab, tabLoaded }: { tab: Browser.tabs.Tab | undefined; tabLoaded: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const capturable = tab?.id !== undefined && isCapturableUrl(tab.url);

  async function capture() {
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      // Re-resolved at click time: when the popup runs in a tab of its own, the user may
      // have switched to the page they mean since it loaded.
      const current = (await resolveTargetTab(location.search).catch(() => undefined)) ?? tab;
      const result = await sendMessage('capture', { tabId: current?.id });
      if (result.ok) setSaved(true);
      else setError(result.code);
    } catch {
      setError('capture_failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="capture">
      <button
        data-testid="capture-button"
        className="primary"
        disabled={busy || !tabLoaded || !capturable}
        aria-describedby="capture-hint"
        onClick={() => void capture()}
      >
        {busy ? t('popup.capturing') : t('popup.capture')}
      </button>
      <p id="capture-hint" className="muted small">
        {tabLoaded && !capturable ? t('popup.captureUnavailable') : t('popup.captureHint')}
      </p>
      {saved && <p className="ok small">{t('popup.captureSaved')}</p>}
      {error && <ErrorText code={error} testId="capture-error" />}
    </section>
  );
}
