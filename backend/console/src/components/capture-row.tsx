import type { Capture } from '@openipp/shared';
import { useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { captureImageUrl, captureOriginalUrl } from '../lib/api';
import { formatBytes, formatDateTime } from '../lib/format';
import { CopyButton } from './copy-button';

interface CaptureRowProps {
  capture: Capture;
  showTenant: boolean;
  onView: (capture: Capture) => void;
}

export function CaptureRow({ capture, showTenant, onView }: CaptureRowProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const hashRef = useRef<HTMLElement>(null);
  const locale = i18n.language;
  const title = capture.title.trim() || t('captures.untitled');
  const { screenshot } = capture;

  function view(event: MouseEvent<HTMLAnchorElement>) {
    // Modified clicks keep their browser meaning (new tab, new window, download).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onView(capture);
  }

  return (
    <tr data-testid="capture-row" data-capture-id={capture.id}>
      <td className="cell-thumb" data-label={t('captures.columns.screenshot')}>
        <a
          href={captureImageUrl(capture.id)}
          target="_blank"
          rel="noopener noreferrer"
          onClick={view}
          className="thumb-link"
          title={t('captures.openScreenshot')}
        >
          <img
            className="thumb"
            src={captureImageUrl(capture.id, 'thumb')}
            alt={t('captures.thumbnailAlt', { title })}
            loading="lazy"
            decoding="async"
          />
        </a>
      </td>
      <td className="cell-page" data-label={t('captures.columns.page')}>
        <div className="page-title">{title}</div>
        <a className="page-url" href={capture.url} target="_blank" rel="noopener noreferrer">
          {capture.url}
        </a>
        <div className="muted small">
          {t('captures.imageDetails', {
            width: screenshot.width,
            height: screenshot.height,
            size: formatBytes(screenshot.bytes, locale),
          })}
        </div>
      </td>
      <td className="cell-time" data-label={t('captures.columns.time')}>
        <dl className="facts">
          <dt title={t('captures.capturedAtHint')}>{t('captures.capturedAt')}</dt>
          <dd>
            <time dateTime={capture.capturedAt} title={capture.capturedAt}>
              {formatDateTime(capture.capturedAt, locale)}
            </time>
          </dd>
          <dt title={t('captures.receivedAtHint')}>{t('captures.receivedAt')}</dt>
          <dd>
            <time dateTime={capture.receivedAt} title={capture.receivedAt}>
              {formatDateTime(capture.receivedAt, locale)}
            </time>
          </dd>
        </dl>
      </td>
      <td className="cell-evidence" data-label={t('captures.columns.evidence')}>
        <dl className="facts">
          <dt title={t('captures.sha256Hint')}>{t('captures.sha256')}</dt>
          <dd className="hash-line">
            <code className="hash" data-testid="capture-sha256" ref={hashRef}>
              {screenshot.sha256}
            </code>
            <CopyButton text={screenshot.sha256} target={hashRef} />
          </dd>
          <dt>{t('captures.receipt')}</dt>
          <dd>
            <code className="receipt-id" data-testid="capture-receipt">
              {capture.receipt.id}
            </code>
          </dd>
        </dl>
        <a
          className="download-link"
          data-testid="capture-original"
          href={captureOriginalUrl(capture.id)}
          download
          title={t('captures.downloadOriginalHint')}
        >
          {t('captures.downloadOriginal')}
        </a>
      </td>
      <td className="cell-by" data-label={t('captures.columns.capturedBy')}>
        <div>{capture.createdBy.email}</div>
        {/* Staff see every tenant; naming it here keeps the table within a laptop screen. */}
        {showTenant && (
          <div className="cell-tenant muted" title={t('captures.columns.tenant')} data-testid="capture-tenant">
            {capture.tenantName}
          </div>
        )}
      </td>
    </tr>
  );
}
