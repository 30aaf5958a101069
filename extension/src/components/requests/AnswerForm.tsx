import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_MAX_BYTES, STATEMENT_MAX_LENGTH, type Complaint } from '@openipp/shared';
import { ErrorText } from '@/components/ErrorText';
import { buildInfoResponseData, INFO_RESPONSE_DOCUMENTS_MAX, sendInfoResponse, type AnswerOutcome } from '@/lib/info-response';
import type { OpenInfoRequest } from '@/lib/storage';
import { AnswerCaptures, type AnswerCaptureOption } from './AnswerCaptures';
import { AnswerDocuments, chooseDocuments, type ChosenDocument } from './AnswerDocuments';

export interface AnswerFormProps {
  item: OpenInfoRequest;
  /** The user's captures, as answerCaptureOptions judged them (re-judged live as uploads finish). */
  options: readonly AnswerCaptureOption[];
  onAnswered: (complaint: Complaint) => void;
  onClose: () => void;
}

type Failure = Extract<AnswerOutcome, { kind: 'error' }>;

/**
 * The answer to one request (issue #5, part 5): a message to the reviewer,
 * captures from this device, and up to five documents. The worker sends it;
 * on success the request leaves the list and the page says so.
 */
export function AnswerForm({ item, options, onAnswered, onClose }: AnswerFormProps) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [documents, setDocuments] = useState<ChosenDocument[]>([]);
  const [leftOut, setLeftOut] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const { complaint } = item;

  const refused = documents.some((document) => document.problem !== null);
  const canSend = !busy && message.trim().length > 0 && !refused;

  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function pick(files: File[]) {
    const room = Math.max(0, INFO_RESPONSE_DOCUMENTS_MAX - documents.length);
    setLeftOut(Math.max(0, files.length - room));
    const chosen = await chooseDocuments(files.slice(0, room));
    setDocuments((previous) => [...previous, ...chosen].slice(0, INFO_RESPONSE_DOCUMENTS_MAX));
  }

  async function send() {
    setBusy(true);
    setFailure(undefined);
    try {
      const picked = options
        .filter((option) => option.state === 'verified' && option.captureId !== null && selected.has(option.entry.id))
        .map((option) => ({ id: option.captureId!, url: option.entry.meta.url }));
      const outcome = await sendInfoResponse({
        complaintId: complaint.id,
        data: buildInfoResponseData(message, picked, complaint.listings),
        documents: documents.map((document) => ({ fileName: document.fileName, type: document.type, bytes: document.bytes! })),
      });
      if (outcome.kind === 'answered') onAnswered(outcome.complaint);
      else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="answer" data-testid="answer-form" data-complaint-id={complaint.id} data-request-id={item.request.id}>
      <div className="answer-head">
        <h2>{t('requests.form.title', { id: complaint.id })}</h2>
        <button className="link small" data-testid="answer-close" onClick={onClose} disabled={busy}>
          {t('requests.form.close')}
        </button>
      </div>

      <label>
        {t('requests.form.message')}
        <textarea
          data-testid="answer-message"
          rows={6}
          required
          maxLength={STATEMENT_MAX_LENGTH}
          value={message}
          disabled={busy}
          onChange={(event) => setMessage(event.target.value)}
        />
      </label>
      <p className="muted small">{t('requests.form.messageHint')}</p>

      <AnswerCaptures options={options} selected={selected} onToggle={toggle} />

      <details className="guidance" data-testid="capture-guidance" open={complaint.listings.length > 0}>
        <summary>{t('requests.form.guidanceTitle')}</summary>
        <p className="small">{t('requests.form.guidance')}</p>
        <ul>
          {complaint.listings.map((listing) => (
            <li key={listing.id}>
              <a data-testid="guidance-listing" data-listing-id={listing.id} href={listing.url} target="_blank" rel="noreferrer">
                {t('requests.form.openListing', { number: listing.position })}
              </a>{' '}
              <span className="muted small url">{listing.url}</span>
            </li>
          ))}
        </ul>
      </details>

      <AnswerDocuments
        documents={documents}
        leftOut={leftOut}
        disabled={busy}
        onPick={(files) => void pick(files)}
        onRemove={(key) => {
          setLeftOut(0);
          setDocuments((previous) => previous.filter((document) => document.key !== key));
        }}
      />

      <div className="answer-send">
        <button className="primary" data-testid="answer-send" disabled={!canSend} onClick={() => void send()}>
          {busy ? t('requests.form.sending') : t('requests.form.send')}
        </button>
        {refused && (
          <p className="warn small" data-testid="answer-fix-documents">
            {t('requests.form.fixDocuments')}
          </p>
        )}
      </div>

      {failure && <AnswerFailure failure={failure} documents={documents} />}
    </section>
  );
}

function AnswerFailure({ failure, documents }: { failure: Failure; documents: readonly ChosenDocument[] }) {
  const { t } = useTranslation();
  // A refusal naming documents: which file, and why, in the words the picker uses.
  const named = failure.errors.flatMap((error) => {
    const index = /^document\[(\d+)\]$/.exec(error.path)?.[1];
    const document = index === undefined ? undefined : documents[Number(index)];
    return document ? [{ key: document.key, fileName: document.fileName, code: error.code }] : [];
  });
  return (
    <div className="answer-error" data-testid="answer-error" data-code={failure.code} data-retryable={String(failure.retryable)}>
      <ErrorText code={failure.code} />
      {failure.code === 'invalid_transition' && (
        <p className="small" data-testid="answer-not-waiting">
          {t('requests.form.notWaiting')}
        </p>
      )}
      {failure.retryable && <p className="muted small">{t('requests.form.retryHint')}</p>}
      {named.length > 0 && (
        <ul className="small">
          {named.map((entry) => (
            <li key={entry.key}>
              {entry.fileName}:{' '}
              {t(`requests.form.documentProblems.${entry.code}`, { size: DOCUMENT_MAX_BYTES / (1024 * 1024), defaultValue: t(`errors:${entry.code}`) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
