import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Complaint, InfoRequest } from '@openipp/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestInfo } from '../../services/info-requests';
import { claimComplaint } from '../../services/review/claims';
import { bearer, blobPath, createHarness, loginBearer, pngBytes, sha256, type Harness } from '../../testing/harness';
import { startInbox, type Inbox } from '../../testing/inbox';
import { captureListing, demoFiler, fileComplaint, signIn, type Filer, type Staff } from '../../testing/filing';
import { pdfBytes, registerAndSignIn, type RegisteredAccount } from '../../testing/registration';

let h: Harness;
let inbox: Inbox;
let owner: Filer;
let reviewer: Staff;
let seller: string;
let agency: RegisteredAccount;
/** An agency capture: another tenant's, never attachable by the demo brand. */
let foreignCapture: string;

const DAY_MS = 24 * 60 * 60 * 1000;

interface ProblemBody {
  code: string;
  errors?: Array<{ path: string; code: string }>;
}

/** Every row an answer could write, and the state of every complaint. */
const written = () => ({
  complaints: h.db.rows<{ state: string; updated_at: number }>('select state, updated_at from complaints order by id'),
  listings: h.db.rows<{ capture_ids: string }>('select capture_ids from complaint_listings order by id'),
  transitions: h.db.count('complaint_transitions'),
  openRequests: h.db.count('info_requests', 'resolved_at is null'),
  responses: h.db.count('info_responses'),
  documents: h.db.count('info_response_documents'),
  auditLog: h.db.count('audit_log'),
});

/** A filed complaint waiting on a request for material from the reviewer. */
async function waiting(listings = 1): Promise<Complaint> {
  const complaint = await fileComplaint(h, owner, listings);
  await claimComplaint(h.runtime.store, reviewer.principal, complaint.id);
  return requestInfo(h.runtime.store, reviewer.principal, complaint.id, {
    deficiencies: ['listing_evidence'],
    message: 'Please add a capture that shows the logo.',
    deadline: new Date(Date.now() + 7 * DAY_MS).toISOString(),
  });
}

interface Part {
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
  type: string;
}

function answerForm(data: unknown, documents: Part[] = [], extra: Array<[string, string]> = []): FormData {
  const form = new FormData();
  if (data !== undefined) form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
  for (const document of documents) form.append('document', new Blob([document.bytes], { type: document.type }), document.name);
  for (const [name, value] of extra) form.append(name, value);
  return form;
}

const answer = (token: string, id: string, body: FormData | string) =>
  h.app.request(`/api/complaints/${id}/info-response`, {
    method: 'POST',
    headers: typeof body === 'string' ? { ...bearer(token), 'Content-Type': 'application/json' } : bearer(token),
    body,
  });
const listRequests = (token: string, id: string) => h.app.request(`/api/complaints/${id}/info-requests`, { headers: bearer(token) });

async function refused(res: Response, status: number, code: string): Promise<ProblemBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as ProblemBody;
  expect(body.code).toBe(code);
  return body;
}

const pdf: Part = { bytes: pdfBytes('registration certificate'), name: 'certificate.pdf', type: 'application/pdf' };

beforeAll(async () => {
  inbox = await startInbox();
  h = await createHarness({
    mail: { smtpUrl: inbox.url, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 3 },
    writeRateLimit: { windowSeconds: 60, maxPerWindow: 100_000 },
  });
  owner = await demoFiler(h);
  reviewer = await signIn(h, 'reviewer@demo.test');
  seller = await loginBearer(h, 'seller@demo.test');
  agency = await registerAndSignIn(h, inbox, { tenantKind: 'agency' });
  foreignCapture = (await captureListing(h, agency.token)).captureId;
});
afterAll(async () => {
  await h.close();
  await inbox.close();
});

describe('GET /api/complaints/{id}/info-requests', () => {
  it("lists the complaint's requests to its tenant and to staff; to anyone else it is absent", async () => {
    const complaint = await waiting();
    const res = await listRequests(owner.token, complaint.id);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: InfoRequest[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      deficiencies: ['listing_evidence'],
      message: 'Please add a capture that shows the logo.',
      requestedBy: { id: reviewer.principal.user.id, email: 'reviewer@demo.test' },
      response: null,
      expiredAt: null,
    });
    expect(((await (await listRequests(reviewer.token, complaint.id)).json()) as { items: InfoRequest[] }).items).toEqual(items);
    await refused(await listRequests(agency.token, complaint.id), 404, 'not_found');
    await refused(await listRequests(seller, complaint.id), 404, 'not_found');
    await refused(await listRequests(owner.token, randomUUID()), 404, 'not_found');
  });
});

describe('POST /api/complaints/{id}/info-response', () => {
  it("refuses anyone but the complaint's tenant, bad forms, foreign captures and bad documents — writing nothing", async () => {
    const complaint = await waiting();
    const own = (await captureListing(h, owner.token)).captureId;
    const data = { message: 'Here is a better capture.', captureIds: [own] };
    const before = written();

    await refused(await answer(reviewer.token, complaint.id, answerForm(data)), 403, 'forbidden');
    await refused(await answer(seller, complaint.id, answerForm(data)), 404, 'not_found');
    await refused(await answer(agency.token, complaint.id, answerForm(data)), 404, 'not_found');
    await refused(await answer(owner.token, randomUUID(), answerForm(data)), 404, 'not_found');

    await refused(await answer(owner.token, complaint.id, JSON.stringify(data)), 400, 'malformed_multipart');
    await refused(await answer(owner.token, complaint.id, answerForm(undefined)), 400, 'validation_failed');
    await refused(await answer(owner.token, complaint.id, answerForm('{not json')), 400, 'malformed_json');
    await refused(await answer(owner.token, complaint.id, answerForm({ ...data, message: '' })), 400, 'validation_failed');
    await refused(await answer(owner.token, complaint.id, answerForm(data, [], [['note', 'x']])), 400, 'validation_failed');
    await refused(await answer(owner.token, complaint.id, answerForm(data, Array.from({ length: 6 }, () => pdf))), 400, 'validation_failed');

    const foreign = await refused(await answer(owner.token, complaint.id, answerForm({ ...data, captureIds: [own, foreignCapture] })), 404, 'capture_not_found');
    expect(foreign.errors).toEqual([expect.objectContaining({ path: 'captureIds.1', code: 'capture_not_found' })]);
    const listingId = complaint.listings[0]!.id;
    const perListing = await refused(
      await answer(owner.token, complaint.id, answerForm({ ...data, listingCaptures: { [listingId]: ['no-such-capture'] } })),
      404,
      'capture_not_found',
    );
    expect(perListing.errors?.[0]?.path).toBe(`listingCaptures.${listingId}.0`);
    const unknownListing = await refused(
      await answer(owner.token, complaint.id, answerForm({ ...data, listingCaptures: { 'not-a-listing': [own] } })),
      400,
      'validation_failed',
    );
    expect(unknownListing.errors?.[0]?.path).toBe('listingCaptures.not-a-listing');

    const text = new Uint8Array(Buffer.from('just some text, not a document'));
    await refused(await answer(owner.token, complaint.id, answerForm(data, [pdf, { bytes: text, name: 'notes.pdf', type: 'application/pdf' }])), 415, 'unsupported_file_type');
    await refused(await answer(owner.token, complaint.id, answerForm(data, [{ ...pdf, name: 'certificate.png', type: 'image/png' }])), 422, 'file_type_mismatch');
    await refused(await answer(owner.token, complaint.id, answerForm(data, [{ bytes: new Uint8Array(0), name: 'empty.pdf', type: 'application/pdf' }])), 422, 'empty_file');

    expect(written()).toEqual(before);
  });

  it('refuses a complaint that is not waiting for material (409 invalid_transition), writing nothing', async () => {
    const reviewing = await fileComplaint(h, owner, 1);
    await claimComplaint(h.runtime.store, reviewer.principal, reviewing.id);
    const before = written();
    await refused(await answer(owner.token, reviewing.id, answerForm({ message: 'Unasked.', captureIds: [] })), 409, 'invalid_transition');
    expect(written()).toEqual(before);
  });

  it('takes the answer: documents stored by hash, captures added to the evidence, back to in_review with the clock running, all on the audit trail', async () => {
    const complaint = await waiting(2);
    const [first, second] = complaint.listings;
    const general = (await captureListing(h, owner.token)).captureId;
    const forListing = (await captureListing(h, owner.token)).captureId;
    const png = { bytes: await pngBytes(200, 100, '#123456'), name: 'invoice.png', type: 'image/png' };
    const before = written();
    const res = await answer(
      owner.token,
      complaint.id,
      answerForm({ message: 'Attached: the certificate, an invoice and a clearer capture.', captureIds: [general], listingCaptures: { [first!.id]: [forListing, first!.captureIds[0]!] } }, [pdf, png]),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Complaint;
    expect(body.state).toBe('in_review');
    expect(body.transitions.at(-1)).toMatchObject({ from: 'needs_info', to: 'in_review', event: 'provide_info', actor: { id: owner.principal.user.id } });
    // The capture joins that listing's evidence once; the other listing is untouched.
    expect(body.listings.find((listing) => listing.id === first!.id)!.captureIds).toEqual([first!.captureIds[0], forListing]);
    expect(body.listings.find((listing) => listing.id === second!.id)!.captureIds).toEqual(second!.captureIds);

    const [request] = h.db.rows<{ id: string; requested_at: number; resolved_at: number | null; expired_at: number | null }>(
      'select id, requested_at, resolved_at, expired_at from info_requests where complaint_id = ?',
      complaint.id,
    );
    expect(request!.resolved_at).not.toBeNull();
    expect(request!.expired_at).toBeNull();
    expect(await h.runtime.store.pausesOf(complaint.id)).toEqual([[request!.requested_at, request!.resolved_at]]);

    const [response] = h.db.rows<Record<string, unknown>>('select * from info_responses where request_id = ?', request!.id);
    expect(response).toMatchObject({
      complaint_id: complaint.id,
      tenant_id: owner.principal.tenant.id,
      message: 'Attached: the certificate, an invoice and a clearer capture.',
      capture_ids: JSON.stringify([general]),
      responded_by: owner.principal.user.id,
    });
    const documents = h.db.rows<{ id: string; position: number; file_name: string; mime: string; bytes: number; sha256: string }>(
      'select id, position, file_name, mime, bytes, sha256 from info_response_documents where response_id = ? order by position',
      response!.id,
    );
    expect(documents.map(({ position, file_name, mime, bytes, sha256: hash }) => ({ position, file_name, mime, bytes, hash }))).toEqual([
      { position: 0, file_name: 'certificate.pdf', mime: 'application/pdf', bytes: pdf.bytes.byteLength, hash: sha256(pdf.bytes) },
      { position: 1, file_name: 'invoice.png', mime: 'image/png', bytes: png.bytes.byteLength, hash: sha256(png.bytes) },
    ]);
    for (const document of documents) expect(existsSync(blobPath(h.dataDir, document.sha256))).toBe(true);

    const entries = h.db.rows<{ kind: string; actor_id: string; subject_id: string; payload: string }>('select * from audit_log where seq > ? order by seq', before.auditLog);
    expect(entries.map((entry) => entry.kind)).toEqual(['complaint_transition', 'info_request']);
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({
      complaintId: complaint.id,
      requestId: request!.id,
      event: 'answered',
      captureIds: [general],
      documents: documents.map((document) => ({ id: document.id, fileName: document.file_name, sha256: document.sha256, bytes: document.bytes })),
    });

    // The request now shows its answer, to the complainant and to staff.
    const { items } = (await (await listRequests(owner.token, complaint.id)).json()) as { items: InfoRequest[] };
    expect(items[0]!.response).toMatchObject({
      message: 'Attached: the certificate, an invoice and a clearer capture.',
      captureIds: [general],
      respondedBy: { id: owner.principal.user.id, email: 'owner@demo.test' },
      documents: documents.map((document) => ({ id: document.id, fileName: document.file_name, mime: document.mime, bytes: document.bytes, sha256: document.sha256 })),
    });

    // Each document downloads, untouched, to its tenant and to staff; to anyone else it is absent.
    const path = `/api/complaints/${complaint.id}/info-documents/${documents[0]!.id}`;
    for (const token of [owner.token, reviewer.token]) {
      const download = await h.app.request(path, { headers: bearer(token) });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(download.headers.get('x-content-sha256')).toBe(sha256(pdf.bytes));
      expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(pdf.bytes));
    }
    await refused(await h.app.request(path, { headers: bearer(agency.token) }), 404, 'not_found');
    await refused(await h.app.request(path, { headers: bearer(seller) }), 404, 'not_found');
    const other = await fileComplaint(h, owner, 1);
    await refused(await h.app.request(`/api/complaints/${other.id}/info-documents/${documents[0]!.id}`, { headers: bearer(owner.token) }), 404, 'not_found');

    // A second answer finds nothing waiting.
    const after = written();
    await refused(await answer(owner.token, complaint.id, answerForm({ message: 'Once more.', captureIds: [] })), 409, 'invalid_transition');
    expect(written()).toEqual(after);
  });
});
