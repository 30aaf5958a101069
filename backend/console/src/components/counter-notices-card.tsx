import { COMPLAINANT_PROOF_DOCUMENTS_MAX, type Complaint, type CounterNotice } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { ApiError, counterNoticeProofUrl, type ApiClient } from '../lib/api';
import { proofProblem, submitProof, type ProofProblem } from '../lib/counter-notice';
import { formatBytes, formatDateTime } from '../lib/format';
import { CounterNoticeDecision, CounterNoticeEvidence, CounterNoticeFacts, CounterNoticeIdentity, CounterNoticeStatePill } from './counter-notice-bits';
import { DocumentPicker, type PickedDocuments } from './document-picker';
import { LoadError, LoadingLine } from './load-status';

const NO_FILES: PickedDocuments = { files: [], checks: [] };

/**
 * The complainant's side of counter-notices (issue #6 part 3): each seller's
 * statement, identity and evidence as forwarded, the window and its rule, and
 * — while the window is open — the form for proof that the complainant
 * complained to the authorities or sued. Without such proof in time, the
 * listing is due to be restored.
 */
export function CounterNoticesCard({ api, complaint }: { api: ApiClient; complaint: Complaint }) {
  const { t } = useTranslation(NAMESPACES);
  const { data, setData, error, loading, reload } = useResource<CounterNotice[]>(() => api.complaintCounterNotices(complaint.id), [api, complaint.id, complaint.updatedAt]);
  // Nothing to say on a complaint no seller answered.
  if (data !== undefined && data.length === 0) return null;

  const replace = (next: CounterNotice) => setData((current) => current?.map((item) => (item.id === next.id ? next : item)));

  return (
    <div className="card" aria-labelledby="counter-notices-heading" data-testid="complaint-counter-notices">
      <div className="card-heading">
        <div>
          <h2 id="counter-notices-heading">{t('seller:proof.heading')}</h2>
          <p className="muted">{t('seller:proof.subtitle')}</p>
        </div>
        <div className="page-actions">
          <button className="button button-small" type="button" data-testid="counter-notices-refresh" onClick={() => void reload()}>
            {t('captures.refresh')}
          </button>
        </div>
      </div>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {data?.map((counterNotice) => (
        <CounterNoticeItem key={counterNotice.id} api={api} complaint={complaint} counterNotice={counterNotice} onChanged={replace} />
      ))}
    </div>
  );
}

interface CounterNoticeItemProps {
  api: ApiClient;
  complaint: Complaint;
  counterNotice: CounterNotice;
  onChanged: (counterNotice: CounterNotice) => void;
}

export function CounterNoticeItem({ api, complaint, counterNotice, onChanged }: CounterNoticeItemProps) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const listing = complaint.listings.find((candidate) => candidate.id === counterNotice.listingId);
  return (
    <article
      className="info-request open-request"
      data-testid="counter-notice-item"
      data-counter-notice-id={counterNotice.id}
      data-listing-id={counterNotice.listingId}
      data-state={counterNotice.state}
    >
      <div>
        <h3 className="subheading">
          {listing ? t('seller:proof.listing', { position: listing.position }) : t('seller:proof.listingUnknown')} <CounterNoticeStatePill state={counterNotice.state} />
        </h3>
        {listing && (
          <a className="page-url" href={listing.canonicalUrl} target="_blank" rel="noopener noreferrer" data-testid="counter-notice-listing-url">
            {listing.canonicalUrl}
          </a>
        )}
      </div>
      {counterNotice.state === 'window_open' && (
        <p className="form-warning" data-testid="counter-notice-window-note">
          {t('seller:proof.windowOpen', { time: formatDateTime(counterNotice.windowEndsAt, i18n.language) })}
        </p>
      )}
      {counterNotice.state === 'restore_due' && <p className="form-warning">{t('seller:proof.restoreDue')}</p>}
      <CounterNoticeFacts counterNotice={counterNotice} />
      {counterNotice.decision && <CounterNoticeDecision decision={counterNotice.decision} />}
      <div>
        <h4 className="subheading">{t('seller:counterNotice.statement')}</h4>
        <p className="pre-wrap" data-testid="counter-notice-statement-text">
          {counterNotice.statement}
        </p>
      </div>
      <div>
        <h4 className="subheading">{t('seller:counterNotice.identityHeading')}</h4>
        <CounterNoticeIdentity identity={counterNotice.identity} />
      </div>
      <CounterNoticeEvidence counterNotice={counterNotice} />
      {counterNotice.proofs.length > 0 && (
        <div data-testid="counter-notice-proofs">
          <h4 className="subheading">{t('seller:proof.sent')}</h4>
          <p className="pre-wrap small">{counterNotice.proofs[0]?.note}</p>
          <ul className="plain-list small">
            {counterNotice.proofs.map((proof) => (
              <li key={proof.id}>
                <a href={counterNoticeProofUrl(counterNotice.id, proof.id)} download data-testid="counter-notice-proof-link" data-document-id={proof.id} title={`SHA-256 ${proof.sha256}`}>
                  {proof.fileName}
                </a>{' '}
                <span className="muted">
                  {formatBytes(proof.bytes, i18n.language)} · <time dateTime={proof.uploadedAt}>{formatDateTime(proof.uploadedAt, i18n.language)}</time>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {counterNotice.state === 'window_open' && <ProofForm api={api} counterNoticeId={counterNotice.id} onSent={onChanged} />}
    </article>
  );
}

function ProofForm({ api, counterNoticeId, onSent }: { api: ApiClient; counterNoticeId: string; onSent: (counterNotice: CounterNotice) => void }) {
  const [note, setNote] = useState('');
  const [documents, setDocuments] = useState<PickedDocuments>(NO_FILES);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    setFailure(undefined);
    setBusy(true);
    const result = await submitProof(api, counterNoticeId, note, documents);
    if (result.status === 'sent') return onSent(result.counterNotice);
    setBusy(false);
    if (result.status === 'failed') setFailure(result.error);
  }

  return (
    <ProofFormView
      counterNoticeId={counterNoticeId}
      note={note}
      documents={documents}
      problem={attempted ? proofProblem(note, documents.checks) : null}
      failure={failure}
      busy={busy}
      onNote={setNote}
      onDocuments={setDocuments}
      onSubmit={(event) => void send(event)}
    />
  );
}

interface ProofFormViewProps {
  counterNoticeId: string;
  note: string;
  documents: PickedDocuments;
  /** What keeps the proof back, once the complainant has tried to send it. */
  problem: ProofProblem | null;
  /** The server's refusal of the last attempt, e.g. 409 window_closed. */
  failure: unknown;
  busy: boolean;
  onNote: (note: string) => void;
  onDocuments: (picked: PickedDocuments) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/** The proof form: which authority or court and the case number, and 1–5 documents showing the action was filed. */
export function ProofFormView({ counterNoticeId, note, documents, problem, failure, busy, onNote, onDocuments, onSubmit }: ProofFormViewProps) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  return (
    <form className="stack-small answer-form" data-testid="counter-notice-proof-form" data-counter-notice-id={counterNoticeId} noValidate onSubmit={onSubmit}>
      <h4 className="subheading">{t('seller:proof.formHeading')}</h4>
      <label className="field">
        <span className="field-label">{t('seller:proof.note')}</span>
        <textarea
          data-testid="counter-notice-proof-note"
          rows={3}
          maxLength={5_000}
          value={note}
          disabled={busy}
          placeholder={t('seller:proof.notePlaceholder')}
          onChange={(event) => onNote(event.target.value)}
        />
      </label>
      <DocumentPicker
        testId="counter-notice-proof-documents"
        label={t('seller:proof.documents')}
        hint={t('seller:proof.documentsHint', { max: COMPLAINANT_PROOF_DOCUMENTS_MAX })}
        multiple
        picked={documents}
        onChange={onDocuments}
      />
      {problem !== null && (
        <p className="form-error small" role="alert" data-testid="counter-notice-proof-problem" data-code={problem}>
          {t(`seller:proof.problems.${problem}`, { max: COMPLAINANT_PROOF_DOCUMENTS_MAX })}
        </p>
      )}
      {failure !== undefined && (
        <p className="form-error" role="alert" data-testid="counter-notice-proof-error" data-code={failure instanceof ApiError ? failure.code : ''}>
          {errorText(failure)}
        </p>
      )}
      <div className="form-actions">
        <button className="button button-primary" type="submit" data-testid="counter-notice-proof-submit" disabled={busy}>
          {busy ? t('seller:proof.sending') : t('seller:proof.send')}
        </button>
      </div>
    </form>
  );
}
