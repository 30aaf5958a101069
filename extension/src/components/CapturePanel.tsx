import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Browser } from 'wxt/browser';
import { isCapturableUrl } from '@openipp/shared';
import { resolveTargetTab } from '@/hooks/useTargetTab';
import { addEntryToDraft, openComplaintBuilder } from '@/lib/complaint-page';
import { sendMessage } from '@/lib/messaging';
import { ErrorText } from './ErrorText';

export interface CapturePanelProps {
  tab: Browser.tabs.Tab | undefined;
  tabLoaded: boolean;
  /** After each saved capture, e.g. to ask again whether the page is already reported. */
  onCaptured?: () => void;
}

export function CapturePanel({ tab, tabLoaded, onCaptured }: CapturePanelProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** The queue id of the capture just saved. */
  const [saved, setSaved] = useState<string>();
  const capturable = tab?.id !== undefined && isCapturableUrl(tab.url);

  async function capture() {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      // Re-resolved at click time: when the popup runs in a tab of its own, the user may
      // have switched to the page they mean since it loaded.
      const current = (await resolveTargetTab(location.search).catch(() => undefined)) ?? tab;
      const result = await sendMessage('capture', { tabId: current?.id });
      if (result.ok) {
        setSaved(result.value.id);
        onCaptured?.();
      } else setError(result.code);
    } catch {
      setError('capture_failed');
    } finally {
      setBusy(false);
    }
  }

  async function addToComplaint(entryId: string) {
    await addEntryToDraft(entryId);
    await openComplaintBuilder();
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
      {saved && (
        <div className="saved">
          <p className="ok small">{t('popup.captureSaved')}</p>
          <button data-testid="add-to-complaint" onClick={() => void addToComplaint(saved)}>
            {t('popup.addToComplaint')}
          </button>
        </div>
      )}
      {error && <ErrorText code={error} testId="capture-error" />}
    </section>
  );
}
