import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browser, type Browser } from 'wxt/browser';
import { isCapturableUrl } from '@openipp/shared';
import { resolveTargetTab } from '@/hooks/useTargetTab';
import { isFullPageErrorCode } from '@/lib/capture-error';
import { addEntryToDraft, openComplaintBuilder } from '@/lib/complaint-page';
import { onCaptureProgress, type CaptureProgress } from '@/lib/full-page-capture';
import { sendMessage } from '@/lib/messaging';
import { ErrorText } from './ErrorText';

export interface CapturePanelProps {
  tab: Browser.tabs.Tab | undefined;
  tabLoaded: boolean;
  /** After each saved capture, e.g. to ask again whether the page is already reported. */
  onCaptured?: () => void;
}

type Mode = 'full' | 'visible';

/** What the user is told after a full-page capture that is not the whole page as asked. */
type Notice = { kind: 'partial'; percent: number } | { kind: 'visibleOnly' } | { kind: 'cancelled' };

export function CapturePanel({ tab, tabLoaded, onCaptured }: CapturePanelProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** The queue id of the capture just saved. */
  const [saved, setSaved] = useState<string>();
  // Whole page by default: on a listing the evidence is usually below the fold (issue #7).
  const [mode, setMode] = useState<Mode>('full');
  const [progress, setProgress] = useState<CaptureProgress>();
  const [notice, setNotice] = useState<Notice>();
  const capturable = tab?.id !== undefined && isCapturableUrl(tab.url);

  useEffect(() => {
    const listening = new AbortController();
    onCaptureProgress((next) => setProgress(next.phase === 'finished' ? undefined : next), listening.signal);
    return () => listening.abort();
  }, []);

  async function capture() {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    setNotice(undefined);
    try {
      // Re-resolved at click time: when the popup runs in a tab of its own, the user may
      // have switched to the page they mean since it loaded.
      const current = (await resolveTargetTab(location.search).catch(() => undefined)) ?? tab;
      const result = await sendMessage('capture', { tabId: current?.id, mode });
      if (result.ok) {
        setSaved(result.value.id);
        const { partial, visibleOnly } = result.value;
        if (partial) setNotice({ kind: 'partial', percent: Math.floor((partial.savedHeight / partial.pageHeight) * 100) });
        else if (visibleOnly) setNotice({ kind: 'visibleOnly' });
        onCaptured?.();
      } else if (result.code === 'capture_cancelled') setNotice({ kind: 'cancelled' });
      else setError(result.code);
    } catch {
      setError('capture_failed');
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  /**
   * Marking first (issue #7, part 3): the overlay opens on the page, and the
   * capture is taken from there when the user is done. The popup gets out of
   * the way, as the page needs the mouse.
   */
  async function mark() {
    setError(undefined);
    const current = (await resolveTargetTab(location.search).catch(() => undefined)) ?? tab;
    const result = await sendMessage('startMarking', { tabId: current?.id, mode }).catch(() => undefined);
    if (!result?.ok) {
      setError(result?.code ?? 'capture_failed');
      return;
    }
    // A popup run in a tab of its own (?tabId=) stays: the worker has brought the page to the front.
    if (!(await browser.tabs.getCurrent().catch(() => undefined))) window.close();
  }

  async function addToComplaint(entryId: string) {
    await addEntryToDraft(entryId);
    await openComplaintBuilder();
  }

  return (
    <section className="capture">
      <div role="radiogroup" aria-label={t('fullPage.modeLabel')} className="small capture-mode" data-testid="capture-mode">
        {(['full', 'visible'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="capture-mode"
              value={value}
              data-testid={`capture-mode-${value}`}
              checked={mode === value}
              disabled={busy}
              onChange={() => setMode(value)}
            />{' '}
            {value === 'full' ? t('fullPage.modeFull') : t('fullPage.modeVisible')}{' '}
          </label>
        ))}
      </div>
      <button
        data-testid="capture-button"
        className="primary"
        disabled={busy || !tabLoaded || !capturable}
        aria-describedby="capture-hint"
        onClick={() => void capture()}
      >
        {busy ? t('popup.capturing') : t('popup.capture')}
      </button>
      <button data-testid="mark-button" disabled={busy || !tabLoaded || !capturable} title={t('marks.startHint')} onClick={() => void mark()}>
        {t('marks.start')}
      </button>
      {busy && progress && (
        <div className="progress" data-testid="capture-progress">
          <p className="muted small" role="status" aria-live="polite" data-phase={progress.phase}>
            {progressText(t, progress)}
          </p>
          {progress.phase === 'frame' && <progress max={progress.frames} value={progress.frame} />}
          <button data-testid="capture-cancel" onClick={() => void sendMessage('cancelCapture').catch(() => undefined)}>
            {t('fullPage.cancel')}
          </button>
        </div>
      )}
      <p id="capture-hint" className="muted small">
        {tabLoaded && !capturable ? t('popup.captureUnavailable') : mode === 'full' ? t('fullPage.hintFull') : t('popup.captureHint')}
      </p>
      {saved && (
        <div className="saved">
          <p className="ok small">{t('popup.captureSaved')}</p>
          <button data-testid="add-to-complaint" onClick={() => void addToComplaint(saved)}>
            {t('popup.addToComplaint')}
          </button>
        </div>
      )}
      {notice && (
        <p className={notice.kind === 'cancelled' ? 'muted small' : 'error'} role="status" data-testid="capture-notice" data-kind={notice.kind}>
          {notice.kind === 'partial'
            ? t('fullPage.partial', { percent: notice.percent })
            : notice.kind === 'visibleOnly'
              ? t('fullPage.visibleOnly')
              : t('fullPage.cancelled')}
        </p>
      )}
      {error &&
        (isFullPageErrorCode(error) ? (
          <p className="error" role="alert" data-testid="capture-error">
            {t(`fullPage.errors.${error}`)}
          </p>
        ) : (
          <ErrorText code={error} testId="capture-error" />
        ))}
    </section>
  );
}

function progressText(t: (key: string, options?: Record<string, unknown>) => string, progress: CaptureProgress): string {
  switch (progress.phase) {
    case 'frame':
      return t('fullPage.frame', { frame: progress.frame, frames: progress.frames });
    case 'stitching':
      return t('fullPage.stitching');
    default:
      return t('fullPage.preparing');
  }
}
