import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '@/lib/capture-format';
import type { UploadPart, UploadProgress } from '@/lib/capture-view';
import type { QueueStatus } from '@/lib/queue';

/**
 * One line on how far a capture's upload has got: "Screenshot sent, 2 of 4
 * parts". The counts ride along as data attributes for automation.
 */
export function ProgressSummary({ progress, status }: { progress: UploadProgress; status: QueueStatus }) {
  const { t } = useTranslation();
  const { received, total } = progress;
  let text: string;
  if (!progress.screenshotSent) {
    if (status === 'uploading') text = t('capturesPage.progress.sending');
    else text = total > 1 ? t('capturesPage.progress.notSentParts', { total }) : t('capturesPage.progress.notSent');
  } else if (received < total) {
    text = t('capturesPage.progress.screenshotSent', { received, total });
  } else {
    text = t('capturesPage.progress.allReceived', { total });
  }
  return (
    <span className="capture-progress" data-testid="capture-progress" data-received={received} data-total={total}>
      {text}
    </span>
  );
}

function partLabel(t: TFunction, part: UploadPart): string {
  return part.kind === 'tile' ? t('capturesPage.part.tile', { number: part.number }) : t(`capturesPage.part.${part.kind}`);
}

/** Every part of the capture (screenshot, page tiles, page archive), each received or waiting, with a bar over all of them. */
export function ProgressParts({ progress }: { progress: UploadProgress }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="capture-parts">
      <progress
        value={progress.bytesReceived}
        max={Math.max(1, progress.bytesTotal)}
        aria-label={t('capturesPage.progress.label')}
        data-testid="capture-progress-bar"
      />
      <ul>
        {progress.parts.map((part, index) => (
          <li key={index} className={part.received ? 'received' : 'waiting'} data-testid="capture-part" data-kind={part.kind} data-received={part.received}>
            <span className="mark" aria-hidden="true">
              {part.received ? '✓' : '○'}
            </span>
            <span>{partLabel(t, part)}</span>
            <span className="muted">
              {formatBytes(i18n.language, part.bytes)} · {t(part.received ? 'capturesPage.part.received' : 'capturesPage.part.waiting')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
