import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DOCUMENT_MAX_BYTES } from '@openipp/shared';
import { TEST_USER, tinyPng } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { countStaged, stageDocuments, STAGED_MAX_AGE_MS } from './attachments';
import { startBackground } from './background-services';
import { buildInfoResponseData, checkDocument, sendInfoResponse, type DocumentInput } from './info-response';
import { sendMessage } from './messaging';
import { enqueue, getEntry } from './queue';
import { openInfoRequestsItem, sessionItem } from './storage';

const testbed = useBackgroundTestbed();

const buffer = (bytes: Uint8Array | string): ArrayBuffer => {
  const view = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
};
const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');

const PDF = buffer('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = buffer(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]));
const pdf: DocumentInput = { fileName: 'certificate.pdf', type: 'application/pdf', bytes: PDF };
// The browser often knows no type for a file: the bytes decide what is sent.
const jpeg: DocumentInput = { fileName: 'shelf photo.JPG', type: '', bytes: JPEG };
const png: DocumentInput = { fileName: 'letter.png', type: 'image/png', bytes: tinyPng() };

/** Signed in, one capture of sampleMeta(51) synced as cap-1, and a complaint on that listing waiting for material. */
async function waiting() {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: TEST_USER });
  const entry = await enqueue({ meta: sampleMeta(51), png: tinyPng(), ownerId: TEST_USER.id });
  const complaint = testbed.backend.seedComplaint([sampleMeta(52).url, sampleMeta(51).url]);
  testbed.backend.requestInfo(complaint.id, {
    deficiencies: ['listing_evidence', 'right_proof'],
    message: 'Capture listing 2 again and send the certificate.',
    deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  await startBackground(testbed.signal);
  expect((await getEntry(entry.id))?.receipt?.id).toBe('cap-1');
  const stored = (await openInfoRequestsItem.getValue())?.items[0];
  expect(stored?.complaint.id).toBe(complaint.id);
  return { complaint, listings: stored!.complaint.listings };
}

const posts = () => testbed.backend.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/info-response'));

describe('answering a request for material', () => {
  it('sends data and documents as multipart through the worker; the request leaves the list and the count', async () => {
    const { complaint, listings } = await waiting();
    const data = buildInfoResponseData('  Here is the certificate and a new capture.  ', [{ id: 'cap-1', url: sampleMeta(51).url }], listings);
    expect(data).toEqual({
      message: 'Here is the certificate and a new capture.',
      captureIds: ['cap-1'],
      // The capture shows the complaint's second listing, so it is filed with it.
      listingCaptures: { [listings[1]!.id]: ['cap-1'] },
    });

    const outcome = await sendInfoResponse({ complaintId: complaint.id, data, documents: [pdf, jpeg, png] });
    expect(outcome).toMatchObject({ kind: 'answered', complaint: { id: complaint.id, state: 'in_review' } });

    const [sent] = testbed.backend.infoResponses;
    expect(testbed.backend.infoResponses).toHaveLength(1);
    expect(sent).toMatchObject({ complaintId: complaint.id, authorization: 'Bearer token-abc', status: 200 });
    expect(sent?.fields).toEqual(['data', 'document', 'document', 'document']);
    expect(sent?.data).toEqual(data);
    expect(sent?.documents).toEqual([
      { fileName: 'certificate.pdf', type: 'application/pdf', bytes: PDF.byteLength, sha256: sha256(PDF) },
      { fileName: 'shelf photo.JPG', type: 'image/jpeg', bytes: JPEG.byteLength, sha256: sha256(JPEG) },
      { fileName: 'letter.png', type: 'image/png', bytes: tinyPng().byteLength, sha256: sha256(tinyPng()) },
    ]);

    expect((await openInfoRequestsItem.getValue())?.items).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    // Nothing of the documents stays behind on the device.
    expect(await countStaged()).toBe(0);
  });

  it('sends an answer without documents or captures as data only', async () => {
    const { complaint, listings } = await waiting();
    const outcome = await sendInfoResponse({ complaintId: complaint.id, data: buildInfoResponseData('Text only.', [], listings), documents: [] });
    expect(outcome.kind).toBe('answered');
    expect(testbed.backend.infoResponses[0]?.fields).toEqual(['data']);
    expect(testbed.backend.infoResponses[0]?.data).toEqual({ message: 'Text only.', captureIds: [] });
  });

  it('refuses, before any upload, documents whose bytes are not PDF, PNG or JPEG, or whose label lies', async () => {
    const { complaint, listings } = await waiting();
    const data = buildInfoResponseData('Certificate attached.', [], listings);
    const renamed: DocumentInput = { fileName: 'certificate.pdf', type: 'application/pdf', bytes: buffer('MZ\x90\x00 not a pdf') };
    const refused = await sendInfoResponse({ complaintId: complaint.id, data, documents: [pdf, renamed] });
    expect(refused).toEqual({
      kind: 'error',
      code: 'unsupported_file_type',
      errors: [{ path: 'document[1]', code: 'unsupported_file_type', message: 'certificate.pdf' }],
      retryable: false,
    });
    const lying: DocumentInput = { fileName: 'scan.pdf', type: 'application/pdf', bytes: tinyPng() };
    expect(await sendInfoResponse({ complaintId: complaint.id, data, documents: [lying] })).toMatchObject({ code: 'file_type_mismatch' });
    const six = Array.from({ length: 6 }, () => pdf);
    expect(await sendInfoResponse({ complaintId: complaint.id, data, documents: six })).toMatchObject({ code: 'too_many_documents' });
    expect(await sendInfoResponse({ complaintId: complaint.id, data: { ...data, message: '   ' }, documents: [] })).toMatchObject({
      code: 'validation_failed',
    });
    expect(posts()).toHaveLength(0);
    expect(await countStaged()).toBe(0);
    expect((await openInfoRequestsItem.getValue())?.items).toHaveLength(1);
  });

  it('the worker checks the staged bytes again, whatever the page did', async () => {
    const { complaint } = await waiting();
    const [good, bad] = await stageDocuments([
      { fileName: 'a.pdf', type: 'application/pdf', bytes: PDF },
      { fileName: 'b.pdf', type: 'application/pdf', bytes: buffer('plain text') },
    ]);
    const result = await sendMessage('answerInfoRequest', {
      complaintId: complaint.id,
      data: { message: 'See attached.', captureIds: [] },
      attachmentIds: [good!, bad!],
    });
    expect(result).toEqual({
      ok: false,
      code: 'unsupported_file_type',
      errors: [{ path: 'document[1]', code: 'unsupported_file_type', message: 'b.pdf' }],
    });
    expect(await sendMessage('answerInfoRequest', { complaintId: complaint.id, data: { message: 'x', captureIds: [] }, attachmentIds: ['gone'] })).toMatchObject({
      ok: false,
      code: 'missing_file',
    });
    expect(posts()).toHaveLength(0);
    expect(await countStaged()).toBe(0);
  });

  it('checks each document: empty, over the cap, unknown bytes, a lying label, or fit (typed by its bytes)', () => {
    expect(checkDocument({ fileName: 'a.pdf', type: '', bytes: new ArrayBuffer(0) })).toEqual({ ok: false, code: 'empty_file' });
    const big = new Uint8Array(DOCUMENT_MAX_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-'));
    expect(checkDocument({ fileName: 'a.pdf', type: 'application/pdf', bytes: big.buffer })).toEqual({ ok: false, code: 'payload_too_large' });
    const atCap = new Uint8Array(DOCUMENT_MAX_BYTES);
    atCap.set(new TextEncoder().encode('%PDF-'));
    expect(checkDocument({ fileName: 'a.pdf', type: 'application/pdf', bytes: atCap.buffer }).ok).toBe(true);
    expect(checkDocument({ fileName: 'a.docx', type: '', bytes: buffer('PK\x03\x04') })).toEqual({ ok: false, code: 'unsupported_file_type' });
    expect(checkDocument({ fileName: 'a.png', type: 'image/png', bytes: JPEG })).toEqual({ ok: false, code: 'file_type_mismatch' });
    expect(checkDocument({ fileName: 'photo', type: 'image/jpeg', bytes: JPEG })).toMatchObject({ ok: true, document: { type: 'image/jpeg' } });
  });

  it('409 invalid_transition when the complaint no longer waits; the stale request leaves the list', async () => {
    const { complaint, listings } = await waiting();
    // Closed at its deadline on the server, while the page still showed it.
    testbed.backend.complaints.find((c) => c.id === complaint.id)!.state = 'closed';
    testbed.backend.infoRequests.get(complaint.id)![0]!.expiredAt = new Date().toISOString();
    const outcome = await sendInfoResponse({ complaintId: complaint.id, data: buildInfoResponseData('Late answer.', [], listings), documents: [pdf] });
    expect(outcome).toEqual({ kind: 'error', code: 'invalid_transition', errors: [], retryable: false });
    expect(testbed.backend.infoResponses.map((r) => r.status)).toEqual([409]);
    await expect.poll(async () => (await openInfoRequestsItem.getValue())?.items.length).toBe(0);
    expect(await countStaged()).toBe(0);
  });

  it('a lost connection is retryable, and the retry answers once', async () => {
    const { complaint, listings } = await waiting();
    const input = { complaintId: complaint.id, data: buildInfoResponseData('Answer.', [], listings), documents: [pdf] };
    testbed.backend.script(`/api/complaints/${complaint.id}/info-response`, { kind: 'drop' });
    expect(await sendInfoResponse(input)).toEqual({ kind: 'error', code: 'network_error', errors: [], retryable: true });
    expect((await openInfoRequestsItem.getValue())?.items).toHaveLength(1);
    expect(await sendInfoResponse(input)).toMatchObject({ kind: 'answered' });
    expect(await sendInfoResponse(input)).toMatchObject({ kind: 'error', code: 'invalid_transition' });
    expect(testbed.backend.infoResponses.map((r) => r.status)).toEqual([200, 409]);
  });

  it('sweeps documents a killed worker left staged', async () => {
    const now = Date.now();
    await stageDocuments([{ fileName: 'old.pdf', type: 'application/pdf', bytes: PDF }], now - STAGED_MAX_AGE_MS - 1);
    await stageDocuments([{ fileName: 'recent.pdf', type: 'application/pdf', bytes: PDF }], now - 1_000);
    expect(await countStaged()).toBe(2);
    await stageDocuments([{ fileName: 'new.pdf', type: 'application/pdf', bytes: PDF }], now);
    expect(await countStaged()).toBe(2);
  });
});
