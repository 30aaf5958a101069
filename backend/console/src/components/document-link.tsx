import type { DocumentInfo } from '@openipp/shared';
import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../i18n';
import { documentUrl } from '../lib/api';
import { formatBytes } from '../lib/format';

/** A download link to an identity proof or letter of authority, with its size and hash. */
export function DocumentLink({ document, testId }: { document: DocumentInfo; testId: string }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  return (
    <span className="document-link">
      <a href={documentUrl(document.id)} target="_blank" rel="noreferrer" data-testid={testId} data-document-id={document.id} title={`SHA-256 ${document.sha256}`}>
        {document.fileName}
      </a>
      <span className="muted small">
        {' '}
        {t(`documents.purposes.${document.purpose}`)} · {formatBytes(document.bytes, i18n.language)}
      </span>
    </span>
  );
}
