import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import type { ApiClient } from '../lib/api';

interface ContactsPromptProps {
  api: ApiClient;
  /** Confirmed as they are, or the user chose to review them. */
  onDone: () => void;
  onUpdate: () => void;
}

/**
 * After sign-in, when the contact details have not been confirmed for the
 * configured period: notices go to these details, so ask whether they still hold.
 */
export function ContactsPrompt({ api, onDone, onUpdate }: ContactsPromptProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await api.confirmContacts();
      onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <div className="banner banner-info" role="region" aria-label={t('contacts.prompt.title')} data-testid="contacts-confirm-prompt">
      <div>
        <strong>{t('contacts.prompt.title')}</strong> {t('contacts.prompt.body')}
        {error !== undefined && <div className="form-error small">{errorText(error)}</div>}
      </div>
      <div className="row-actions">
        <button data-testid="contacts-prompt-update" className="button button-small" type="button" onClick={onUpdate}>
          {t('contacts.prompt.update')}
        </button>
        <button data-testid="contacts-prompt-confirm" className="button button-small button-primary" type="button" disabled={busy} onClick={() => void confirm()}>
          {busy ? t('contacts.confirming') : t('contacts.prompt.confirm')}
        </button>
      </div>
    </div>
  );
}
