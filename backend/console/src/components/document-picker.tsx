import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_MAX_BYTES } from '@openipp/shared';
import { NAMESPACES } from '../i18n';
import { checkDocument, DOCUMENT_ACCEPT, type DocumentCheck } from '../lib/documents';
import { formatBytes } from '../lib/format';

// The limit is a binary 10 MiB; said the way people say file sizes.
const MAX_SIZE = `${DOCUMENT_MAX_BYTES / (1024 * 1024)} MB`;

export interface PickedDocuments {
  files: File[];
  checks: DocumentCheck[];
}

interface DocumentPickerProps {
  testId: string;
  label: string;
  hint: string;
  multiple: boolean;
  /** Called once the chosen files' first bytes have been read and checked. */
  onChange: (picked: PickedDocuments) => void;
  picked: PickedDocuments;
}

/** A file input for identity or authority documents that names each file it refuses, and why. */
export function DocumentPicker({ testId, label, hint, multiple, onChange, picked }: DocumentPickerProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const id = useId();
  const [reading, setReading] = useState(false);

  async function choose(list: FileList | null) {
    const files = list ? [...list] : [];
    setReading(true);
    try {
      const checks = await Promise.all(files.map((file) => checkDocument(file)));
      onChange({ files, checks });
    } finally {
      setReading(false);
    }
  }

  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="file-input"
        data-testid={testId}
        type="file"
        multiple={multiple}
        accept={DOCUMENT_ACCEPT}
        aria-describedby={`${id}-hint`}
        onChange={(event) => void choose(event.target.files)}
      />
      <span id={`${id}-hint`} className="muted small">
        {hint} {t('documents.limits', { size: MAX_SIZE })}
      </span>
      {reading && <span className="muted small">{t('documents.checking')}</span>}
      {picked.checks.length > 0 && (
        <ul className="document-list">
          {picked.checks.map((check, index) => (
            <li key={`${check.name}-${index}`} data-testid={`${testId}-file`} data-problem={check.problem ?? ''}>
              <span className="document-name">{check.name}</span>
              {check.problem ? (
                <span className="pill pill-danger">{t(`documents.problems.${check.problem}`, { size: MAX_SIZE })}</span>
              ) : (
                <span className="pill pill-ok">{t(`documents.kinds.${kindKey(check.kind)}`)}</span>
              )}
              <span className="muted small">{formatBytes(picked.files[index]?.size ?? 0, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function kindKey(kind: DocumentCheck['kind']): 'pdf' | 'png' | 'jpeg' {
  return kind === 'image/png' ? 'png' : kind === 'image/jpeg' ? 'jpeg' : 'pdf';
}
