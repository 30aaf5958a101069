import { useTranslation } from 'react-i18next';

export interface InfoRequestsNoticeProps {
  count: number;
  /** The requests page; also followed by a plain click where opening a tab from the popup is not possible. */
  href: string;
  onOpen: () => void;
}

/** "N complaints need more material" in the popup (issue #5, part 5), leading to the requests page. */
export function InfoRequestsNotice({ count, href, onOpen }: InfoRequestsNoticeProps) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <section className="banner banner-warn" data-testid="info-requests-notice" data-count={count} role="status">
      <strong>{t('popup.infoRequests', { count })}</strong>
      <p>
        <a
          data-testid="info-requests-link"
          href={href}
          target="_blank"
          rel="noreferrer"
          onClick={(event) => {
            event.preventDefault();
            onOpen();
          }}
        >
          {t('popup.infoRequestsOpen')}
        </a>
      </p>
    </section>
  );
}
