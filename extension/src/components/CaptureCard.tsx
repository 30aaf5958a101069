import { useState } from 'react';
import type { CaptureReceipt } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDateTime, formatIn, shortHash } from '@/lib/capture-format';
import { captureMode, screenshotPixels, shownState, uploadProgress } from '@/lib/capture-view';
import { translateError } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import type { QueueEntry } from '@/lib/queue';
import { CaptureThumbnail } from './CaptureThumbnail';
import { ProgressParts, ProgressSummary } from './CaptureProgress';

/** One capture on the captures page: what it shows, where its upload stands, and what can be done about it. */
export function CaptureCard({ entry, now }: { entry: QueueEntry; now: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [preview, setPreview] = useState<{ width: number; height: number }>();
  const state = shownState(entry.status);
  const progress = uploadProgress(entry);
  const mode = captureMode(entry, preview);
  const pixels = screenshotPixels(entry, preview);
  const tiles = progress.parts.filter((part) => part.kind === 'tile').length;
  const error = (code: string) => translateError(t, (key) => i18n.exists(key), code);

  return (
    <li className={`capture-card state-${state}`} data-testid="capture-card" data-id={entry.id} data-state={state} data-status={entry.status}>
      <CaptureThumbnail entryId={entry.id} onSize={setPreview} />
      <div className="capture-body">
        <div className="capture-head">
          <span className="title" title={entry.meta.title || entry.meta.url}>
            {entry.meta.title || entry.meta.url}
          </span>
          <span className={`state-badge state-${state}`} data-testid="capture-state">
            {t(`capturesPage.state.${state}`)}
          </span>
        </div>
        <a className="url small" href={entry.meta.url} target="_blank" rel="noreferrer" title={entry.meta.url}>
          {entry.meta.url}
        </a>
        <div className="muted small" data-testid="capture-facts">
          {t('capturesPage.capturedAt', { time: formatDateTime(locale, Date.parse(entry.meta.capturedAt)) })}
          {' · '}
          <span data-testid="capture-mode" data-mode={mode}>
            {t(`capturesPage.mode.${mode}`)}
          </span>
          {pixels ? ` · ${t('capturesPage.pixels', pixels)}` : ''}
          {tiles > 0 ? ` · ${t('capturesPage.tiles', { count: tiles })}` : ''}
          {' · '}
          {formatBytes(locale, progress.bytesTotal)}
        </div>

        {/* What became of the page archive belongs with the facts of the capture, above its upload. */}
        {entry.archive && (
          <div className={`small ${entry.archive === 'saved' ? 'muted' : 'warn'}`} data-testid="capture-archive" data-archive={entry.archive}>
            {t(`capturesPage.archive.${entry.archive}`)}
          </div>
        )}
        <div className="capture-status small">
          <ProgressSummary progress={progress} status={entry.status} />
          {state === 'queued' && entry.status === 'pending' && (
            <span className="muted" data-testid="capture-next-try">
              {entry.attempts > 0 && ` · ${t('capturesPage.attempts', { count: entry.attempts })}`}
              {' · '}
              {entry.nextAttemptAt > now ? t('capturesPage.nextTry', { time: formatIn(locale, entry.nextAttemptAt - now) }) : t('capturesPage.nextTryNow')}
            </span>
          )}
        </div>
        {(entry.status === 'auth_required' || entry.status === 'agreement_required') && (
          <div className="small warn" data-testid="capture-waiting">
            {t(`capturesPage.waiting.${entry.status}`)}
          </div>
        )}
        {entry.status === 'pending' && entry.lastError && (
          <div className="muted small" data-testid="capture-last-error">
            {t('capturesPage.lastError', { error: error(entry.lastError) })}
          </div>
        )}
        {/* Part by part while parts are outstanding; once receipted the summary line says it all. */}
        {(state === 'uploading' || (state !== 'receipted' && progress.total > 1)) && (
          <ProgressParts progress={progress} />
        )}

        {entry.status === 'synced' && entry.receipt && <ReceiptFacts receipt={entry.receipt} />}
        {entry.status === 'failed' && (
          <div className="capture-failed">
            <p className="error" role="alert" data-testid="capture-failure">
              {t('capturesPage.failedReason', { error: error(entry.lastError ?? 'internal_error') })}
            </p>
            <EntryActions id={entry.id} />
          </div>
        )}
      </div>
    </li>
  );
}

function ReceiptFacts({ receipt }: { receipt: CaptureReceipt }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="capture-receipt small" data-testid="capture-receipt">
      <div>
        <strong data-testid="capture-receipt-id" data-receipt-id={receipt.id}>
          {t('capturesPage.receipt.id', { id: receipt.id })}
        </strong>
        {' · '}
        <span className="muted">{t('capturesPage.receipt.receivedAt', { time: formatDateTime(i18n.language, Date.parse(receipt.receivedAt)) })}</span>
      </div>
      <HashLine label={t('capturesPage.receipt.sha256')} hash={receipt.sha256} testId="capture-sha256" />
      {receipt.manifestSha256 && <HashLine label={t('capturesPage.receipt.manifest')} hash={receipt.manifestSha256} testId="capture-manifest-sha256" />}
    </div>
  );
}

/** A hash shortened for reading, copied whole. */
function HashLine({ label, hash, testId }: { label: string; hash: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(hash);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <div className="hash-line">
      <span className="muted">{label}</span>{' '}
      <code data-testid={testId} data-hash={hash} title={hash}>
        {shortHash(hash)}
      </code>{' '}
      <button className="link small" title={t('capturesPage.receipt.copyTitle')} onClick={() => void copy().catch(() => undefined)} data-testid={`${testId}-copy`}>
        {copied ? t('capturesPage.receipt.copied') : t('capturesPage.receipt.copy')}
      </button>
    </div>
  );
}

/** Retry and Delete for a failed capture; the worker does both (messaging.ts), and says so if it could not. */
function EntryActions({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  async function act(type: 'retryEntry' | 'deleteEntry') {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await sendMessage(type, { id });
      if (!result.ok) setProblem(result.code);
    } catch {
      setProblem('internal_error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <div className="actions">
        <button className="primary" disabled={busy} onClick={() => void act('retryEntry')} data-testid="capture-retry">
          {t('capturesPage.retry')}
        </button>
        <button className="danger" disabled={busy} onClick={() => void act('deleteEntry')} data-testid="capture-delete">
          {t('capturesPage.delete')}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {t('capturesPage.actionFailed', { error: translateError(t, (key) => i18n.exists(key), problem) })}
        </p>
      )}
    </>
  );
}
