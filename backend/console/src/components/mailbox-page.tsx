import type { DevMailbox } from '@openipp/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { linkify } from '../lib/linkify';
import { PublicScreen } from './public-screen';

type Mail = DevMailbox['items'][number];

/**
 * Demo only: the mail the local SMTP capture caught, so a demo can follow the
 * verification and invitation links without a real mailbox.
 */
export function MailboxPage({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [items, setItems] = useState<Mail[]>();
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<string>();

  const load = useCallback(async () => {
    try {
      const list = await api.devMailbox();
      // Newest first, whatever order the capture keeps.
      setItems([...list.items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)));
      setError(undefined);
    } catch (caught) {
      setError(caught);
    }
  }, [api]);

  useEffect(() => {
    void load();
    // New mail arrives while the demo runs in another tab.
    const timer = setInterval(() => void load(), 5_000);
    return () => clearInterval(timer);
  }, [load]);

  const mail = items?.find((item) => item.id === selected) ?? items?.[0];

  return (
    <PublicScreen width="wide">
      <div className="card-heading">
        <div>
          <h1 className="login-heading">{t('mailbox.heading')}</h1>
          <p className="muted">{t('mailbox.intro')}</p>
        </div>
        <div className="page-actions">
          <button className="button" type="button" onClick={() => void load()}>
            {t('captures.refresh')}
          </button>
          <a className="button" href="#/">
            {t('register.backToSignIn')}
          </a>
        </div>
      </div>
      {error !== undefined && (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {items === undefined && error === undefined && <p className="muted">{t('common:loading')}</p>}
      {items?.length === 0 && <p className="muted">{t('mailbox.empty')}</p>}
      {items !== undefined && items.length > 0 && (
        <div className="mailbox">
          <ul className="mailbox-list">
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  data-testid="mailbox-item"
                  className={`mailbox-item${item.id === mail?.id ? ' mailbox-item-active' : ''}`}
                  aria-current={item.id === mail?.id || undefined}
                  onClick={() => setSelected(item.id)}
                >
                  <span className="mailbox-subject">{item.subject}</span>
                  <span className="muted small">{t('mailbox.to', { to: item.to })}</span>
                  <time className="muted small" dateTime={item.receivedAt}>
                    {formatShortDateTime(item.receivedAt, i18n.language)}
                  </time>
                </button>
              </li>
            ))}
          </ul>
          {mail && (
            <article className="mailbox-mail" aria-label={mail.subject}>
              <h2>{mail.subject}</h2>
              <p className="muted small">
                {t('mailbox.to', { to: mail.to })} · <time dateTime={mail.receivedAt}>{formatShortDateTime(mail.receivedAt, i18n.language)}</time>
              </p>
              <MailText text={mail.text} />
            </article>
          )}
        </div>
      )}
    </PublicScreen>
  );
}

/** Plain text as React children, http(s) URLs as links; nothing in the mail is parsed as HTML. */
function MailText({ text }: { text: string }) {
  return (
    <pre className="mailbox-text" data-testid="mailbox-text">
      {linkify(text).map((part, index) =>
        part.type === 'link' ? (
          <a key={index} href={part.href} rel="noreferrer noopener">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </pre>
  );
}
