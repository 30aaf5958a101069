import {
  DOCUMENT_MAX_BYTES,
  InfoResponseDataSchema,
  labelMatchesKind,
  sniffFileKind,
  type Complaint,
  type InfoResponseData,
  type ProblemFieldError,
  type SniffedKind,
} from '@openipp/shared';
import { discardStaged, stageDocuments } from './attachments';
import { listingKey } from './complaint-draft';
import { sendMessage, type Result } from './messaging';

/**
 * Answering a request for supplementary material (issue #5, part 5): the
 * checks both the requests page and the worker run on the documents, and the
 * answer's JSON. The worker alone sends it (lib/info-requests.ts).
 */

/** "0–5 documents" per answer (issue #5). */
export const INFO_RESPONSE_DOCUMENTS_MAX = 5;

/** A refusal decided on this device, before anything reached the server; `code` is an error code like the server's. */
export class LocalRefusal extends Error {
  constructor(
    readonly code: string,
    readonly errors?: ProblemFieldError[],
  ) {
    super(code);
    this.name = 'LocalRefusal';
  }
}

export interface DocumentInput {
  fileName: string;
  /** What the browser claims (File.type); may be empty. */
  type: string;
  bytes: ArrayBuffer;
}

/** A document fit to send: its type is what its bytes are, not what its label claims. */
export interface CheckedDocument {
  fileName: string;
  type: SniffedKind;
  bytes: ArrayBuffer;
}

export type DocumentProblem = 'empty_file' | 'payload_too_large' | 'unsupported_file_type' | 'file_type_mismatch';

/**
 * The server's own upload rules, so a file it would refuse never leaves the
 * device: not empty, within the document cap, a PDF, PNG or JPEG by its magic
 * bytes, and a name and type that do not contradict the bytes.
 */
export function checkDocument(document: DocumentInput): { ok: true; document: CheckedDocument } | { ok: false; code: DocumentProblem } {
  const size = document.bytes.byteLength;
  if (size === 0) return { ok: false, code: 'empty_file' };
  if (size > DOCUMENT_MAX_BYTES) return { ok: false, code: 'payload_too_large' };
  const kind = sniffFileKind(new Uint8Array(document.bytes, 0, Math.min(size, 16)));
  if (!kind) return { ok: false, code: 'unsupported_file_type' };
  if (!labelMatchesKind(kind, document.fileName, document.type || undefined)) return { ok: false, code: 'file_type_mismatch' };
  return { ok: true, document: { fileName: document.fileName, type: kind, bytes: document.bytes } };
}

/** Every document checked; throws a LocalRefusal naming each bad one (path document[i], message: its file name). */
export function checkDocuments(documents: readonly DocumentInput[]): CheckedDocument[] {
  if (documents.length > INFO_RESPONSE_DOCUMENTS_MAX) throw new LocalRefusal('too_many_documents');
  const checked: CheckedDocument[] = [];
  const errors: ProblemFieldError[] = [];
  documents.forEach((document, index) => {
    const result = checkDocument(document);
    if (result.ok) checked.push(result.document);
    else errors.push({ path: `document[${index}]`, code: result.code, message: document.fileName });
  });
  if (errors.length > 0) throw new LocalRefusal(errors[0]!.code, errors);
  return checked;
}

/** A capture the user picked for the answer: its server id and the page it shows. */
export interface PickedCapture {
  id: string;
  url: string;
}

/**
 * The answer's JSON. Every picked capture is offered as further evidence;
 * one of a page that is also one of the complaint's listings is, in addition,
 * tied to that listing, so the reviewer sees it beside the listing it proves.
 */
export function buildInfoResponseData(
  message: string,
  picked: readonly PickedCapture[],
  listings: readonly { id: string; url: string; canonicalUrl: string }[],
): InfoResponseData {
  const captureIds = [...new Set(picked.map((capture) => capture.id))];
  const listingOf = new Map<string, string>();
  for (const listing of listings) {
    for (const key of [listing.canonicalUrl, listingKey(listing.url)]) if (!listingOf.has(key)) listingOf.set(key, listing.id);
  }
  const listingCaptures: Record<string, string[]> = {};
  for (const capture of picked) {
    const listingId = listingOf.get(listingKey(capture.url));
    if (listingId === undefined) continue;
    const ids = (listingCaptures[listingId] ??= []);
    if (!ids.includes(capture.id)) ids.push(capture.id);
  }
  return {
    message: message.trim(),
    captureIds,
    ...(Object.keys(listingCaptures).length > 0 ? { listingCaptures } : {}),
  };
}

/** The answer as the worker receives it: documents travel as staged ids (lib/attachments.ts explains why). */
export interface AnswerMessage {
  complaintId: string;
  data: InfoResponseData;
  attachmentIds: string[];
}

export type AnswerOutcome =
  | { kind: 'answered'; complaint: Complaint }
  | { kind: 'error'; code: string; errors: ProblemFieldError[]; retryable: boolean };

export type SendAnswer = (message: AnswerMessage) => Promise<Result<{ complaint: Complaint }>>;

const sendAnswer: SendAnswer = (message) => sendMessage('answerInfoRequest', message);

/** No answer, or "try again later": sending again may work. */
function retryable(result: { code: string; status?: number }): boolean {
  const status = result.status;
  return result.code === 'network_error' || status === 0 || status === 429 || (status !== undefined && status >= 500);
}

/**
 * The requests page's "Send": checks the message and documents here first (a
 * refusal costs no upload), stages the documents, and asks the worker to send.
 * A second answer to the same request is refused by the server (409
 * invalid_transition), so a retry after a lost answer cannot answer twice.
 */
export async function sendInfoResponse(
  input: { complaintId: string; data: InfoResponseData; documents: readonly DocumentInput[] },
  send: SendAnswer = sendAnswer,
): Promise<AnswerOutcome> {
  const parsed = InfoResponseDataSchema.safeParse(input.data);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
    return { kind: 'error', code: 'validation_failed', errors, retryable: false };
  }
  let documents: CheckedDocument[];
  try {
    documents = checkDocuments(input.documents);
  } catch (error) {
    if (!(error instanceof LocalRefusal)) throw error;
    return { kind: 'error', code: error.code, errors: error.errors ?? [], retryable: false };
  }
  const attachmentIds = await stageDocuments(documents);
  try {
    const result = await send({ complaintId: input.complaintId, data: parsed.data, attachmentIds });
    if (result.ok) return { kind: 'answered', complaint: result.value.complaint };
    return { kind: 'error', code: result.code, errors: result.errors ?? [], retryable: retryable(result) };
  } catch {
    return { kind: 'error', code: 'network_error', errors: [], retryable: true };
  } finally {
    // The worker deletes them too; this covers a worker that never got the message.
    await discardStaged(attachmentIds).catch(() => undefined);
  }
}
