import type { Complaint, InfoRequest } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { usePagedList } from '../hooks/use-paged-list';
import { useResource } from '../hooks/use-resource';
import { NAMESPACES } from '../i18n';
import { captureImageUrl, type ApiClient } from '../lib/api';
import { formatShortDateTime } from '../lib/format';
import { answerData, answerProblem, INFO_RESPONSE_DOCUMENTS_MAX } from '../lib/info-response';
import { DocumentPicker, type PickedDocuments } from './document-picker';
import { LoadError, LoadingLine } from './load-status';
import { InfoRequestItem, InfoRequestList, infoRequestState } from './review-panels';

const CAPTURE_PAGE_SIZE = 20;

/**
 * The complainant's side of a request for supplementary material (issue #5
 * part 5): what the reviewer asked for and by when, and the answer — text,
 * further captures and up to five documents. Answering puts the complaint
 * back in the review queue with its clock running again.
 */
export function InfoRequestsCard({ api, complaint, onChanged }: { api: ApiClient; complaint: Complaint; onChanged: (complaint: Complaint) => void }) {
  const { t } = useTranslation(NAMESPACES);
  const { data, error, loading, reload } = useResource<InfoRequest[]>(() => api.complaintInfoRequests(complaint.id), [api, complaint.id, complaint.updatedAt]);
  const open = complaint.state === 'needs_info' ? data?.find((request) => infoRequestState(request) === 'open') : undefined;
  const earlier = data?.filter((request) => request !== open) ?? [];
  // Nothing to say on a complaint that was never asked for material.
  if (data !== undefined && data.length === 0 && complaint.state !== 'needs_info') return null;

  return (
    <div className="card" aria-labelledby="info-requests-card-heading" data-testid="complaint-info-requests">
      <h2 id="info-requests-card-heading" className="card-title">
        {t('infoAnswer.heading')}
      </h2>
      <LoadError error={error} onRetry={() => void reload()} />
      <LoadingLine show={loading} />
      {open && (
        <div className="open-request" data-testid="open-info-request">
          <p className="form-warning">{t('infoAnswer.intro')}</p>
          <InfoRequestItem complaintId={complaint.id} request={open} testId="complainant-info-request" />
          <AnswerForm api={api} complaintId={complaint.id} onAnswered={onChanged} />
        </div>
      )}
      {earlier.length > 0 && (
        <>
          {open && <h3 className="stats-heading">{t('infoAnswer.earlier')}</h3>}
          <InfoRequestList complaintId={complaint.id} requests={earlier} testId="complainant-info-request" />
        </>
      )}
    </div>
  );
}

function AnswerForm({ api, complaintId, onAnswered }: { api: ApiClient; complaintId: string; onAnswered: (complaint: Complaint) => void }) {
  const { t, i18n } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [message, setMessage] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [documents, setDocuments] = useState<PickedDocuments>({ files: [], checks: [] });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const captures = usePagedList((cursor) => api.listCaptures(cursor === undefined ? { limit: CAPTURE_PAGE_SIZE } : { limit: CAPTURE_PAGE_SIZE, cursor }), [api]);

  const captureIds = captures.items.filter((capture) => picked.has(capture.id)).map((capture) => capture.id);
  const draft = { message, captureIds, documents: documents.checks };
  const problem = answerProblem(draft);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (problem !== null) return;
    setBusy(true);
    setFailure(undefined);
    try {
      onAnswered(await api.answerInfoRequest(complaintId, answerData(draft), documents.files));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  const toggle = (id: string, on: boolean) =>
    setPicked((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <form className="stack-small answer-form" data-testid="answer-form" onSubmit={(event) => void send(event)}>
      <label className="field">
        <span className="field-label">{t('infoAnswer.message')}</span>
        <textarea
          data-testid="answer-message"
          rows={4}
          maxLength={4000}
          value={message}
          disabled={busy}
          placeholder={t('infoAnswer.messagePlaceholder')}
          onChange={(event) => setMessage(event.target.value)}
        />
      </label>

      <fieldset className="form-section" disabled={busy}>
        <legend>{t('infoAnswer.captures')}</legend>
        <p className="section-hint">{t('infoAnswer.capturesHint')}</p>
        <LoadError error={captures.error} onRetry={captures.retry} />
        <LoadingLine show={captures.loading === 'first'} />
        {captures.items.length === 0 && captures.loading === false && captures.error === undefined && <p className="muted">{t('infoAnswer.noCaptures')}</p>}
        {captures.items.length > 0 && (
          <ul className="pick-list" data-testid="answer-capture-list">
            {captures.items.map((capture) => (
              <li key={capture.id} className="pick-item">
                <label className="pick-label">
                  <input
                    type="checkbox"
                    data-testid="answer-capture"
                    data-capture-id={capture.id}
                    checked={picked.has(capture.id)}
                    onChange={(event) => toggle(capture.id, event.target.checked)}
                  />
                  <img className="pick-thumb" src={captureImageUrl(capture.id, 'thumb')} alt="" loading="lazy" decoding="async" />
                  <span className="pick-text">
                    <span className="page-title">{capture.title.trim() || t('captures.untitled')}</span>
                    <span className="page-url">{capture.url}</span>
                    <span className="muted small">{formatShortDateTime(capture.capturedAt, i18n.language)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {captures.nextCursor !== undefined && (
          <button className="button button-small" type="button" data-testid="answer-captures-more" disabled={captures.loading !== false} onClick={captures.loadMore}>
            {captures.loading === 'more' ? t('captures.loadingMore') : t('captures.loadMore')}
          </button>
        )}
      </fieldset>

      <DocumentPicker
        testId="answer-documents"
        label={t('infoAnswer.documents')}
        hint={t('infoAnswer.documentsHint', { max: INFO_RESPONSE_DOCUMENTS_MAX })}
        multiple
        picked={documents}
        onChange={setDocuments}
      />

      {problem === 'too_many_documents' && <p className="form-error small">{t('infoAnswer.tooManyDocuments', { max: INFO_RESPONSE_DOCUMENTS_MAX })}</p>}
      {problem === 'refused_documents' && <p className="form-error small">{t('infoAnswer.refusedDocuments')}</p>}
      {failure !== undefined && (
        <p className="form-error" role="alert" data-testid="answer-error">
          {errorText(failure)}
        </p>
      )}
      <div className="form-actions">
        <span className="muted small">{t('infoAnswer.summary', { captures: captureIds.length, documents: documents.files.length })}</span>
        <button className="button button-primary" type="submit" data-testid="answer-send" disabled={busy || problem !== null}>
          {busy ? t('infoAnswer.sending') : t('infoAnswer.send')}
        </button>
      </div>
    </form>
  );
}
