import { useTranslation } from 'react-i18next';
import { DOCUMENT_MAX_BYTES } from '@openipp/shared';
import { checkDocument, INFO_RESPONSE_DOCUMENTS_MAX, type DocumentProblem } from '@/lib/info-response';

/** A file the user attached, read and judged as soon as it was chosen. */
export interface ChosenDocument {
  key: string;
  fileName: string;
  /** What the browser claims (File.type). */
  type: string;
  size: number;
  bytes: ArrayBuffer | null;
  /** Why it cannot be sent; null: fit to send. */
  problem: DocumentProblem | 'unreadable' | null;
}

const MB = 1024 * 1024;

/** Reads and checks picked files (magic bytes, size, label) before anything is sent. */
export async function chooseDocuments(files: readonly File[]): Promise<ChosenDocument[]> {
  return Promise.all(
    files.map(async (file): Promise<ChosenDocument> => {
      const base = { key: crypto.randomUUID(), fileName: file.name, type: file.type, size: file.size };
      // Not read at all when it is too big: the check's answer is known, and the memory is saved.
      if (file.size > DOCUMENT_MAX_BYTES) return { ...base, bytes: null, problem: 'payload_too_large' };
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch {
        return { ...base, bytes: null, problem: 'unreadable' };
      }
      const checked = checkDocument({ fileName: file.name, type: file.type, bytes });
      return { ...base, bytes, problem: checked.ok ? null : checked.code };
    }),
  );
}

export interface AnswerDocumentsProps {
  documents: readonly ChosenDocument[];
  /** Files picked beyond the limit, left out. */
  leftOut: number;
  disabled: boolean;
  onPick: (files: File[]) => void;
  onRemove: (key: string) => void;
}

function formatSize(locale: string, bytes: number): string {
  return bytes >= MB
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / MB)} MB`
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
}

export function AnswerDocuments({ documents, leftOut, disabled, onPick, onRemove }: AnswerDocumentsProps) {
  const { t, i18n } = useTranslation();
  const size = DOCUMENT_MAX_BYTES / MB;
  const full = documents.length >= INFO_RESPONSE_DOCUMENTS_MAX;
  return (
    <fieldset className="answer-documents">
      <legend>{t('requests.form.documents', { max: INFO_RESPONSE_DOCUMENTS_MAX, size })}</legend>
      <input
        type="file"
        multiple
        accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        data-testid="answer-documents"
        disabled={disabled || full}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared, so picking the same file again (after removing it) fires a change.
          event.target.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
      {documents.length > 0 && (
        <>
          <p className="small" data-testid="answer-documents-count">
            {t('requests.form.documentsChosen', { count: documents.length })}
          </p>
          <ul className="documents">
            {documents.map((document) => (
              <li
                key={document.key}
                data-testid="answer-document"
                data-file-name={document.fileName}
                data-problem={document.problem ?? ''}
                className={document.problem ? 'refused' : undefined}
              >
                <span className="document-name">{document.fileName}</span>
                <span className="muted small">{formatSize(i18n.language, document.size)}</span>
                {document.problem && (
                  <span className="error small" data-testid="answer-document-problem">
                    {t(`requests.form.documentProblems.${document.problem}`, { size })}
                  </span>
                )}
                <button className="link small" data-testid="remove-document" disabled={disabled} onClick={() => onRemove(document.key)}>
                  {t('requests.form.removeDocument')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {leftOut > 0 && (
        <p className="warn small" data-testid="answer-documents-left-out">
          {t('requests.form.tooManyDocuments', { max: INFO_RESPONSE_DOCUMENTS_MAX, count: leftOut })}
        </p>
      )}
    </fieldset>
  );
}
