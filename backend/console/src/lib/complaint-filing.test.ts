import { IDEMPOTENCY_HEADER } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_INPUT, complaintOf } from '../test/fixtures';
import { json, problem, type Seen } from '../test/http-double';
import { apiRejection, signedInApi } from '../test/signed-in-api';
import { createComplaintFiler, createDraftSubmitter } from './complaint-filing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const keyOf = (request: Seen) => request.headers[IDEMPOTENCY_HEADER.toLowerCase()];

const signedIn = signedInApi();

/** Answers the given replies in turn, the last one for every call after. */
function inTurn(...replies: Array<(request: Seen) => ReturnType<typeof json>>) {
  let call = 0;
  return (request: Seen) => replies[Math.min(call++, replies.length - 1)]!(request);
}

describe('the builder: Save draft and Submit', () => {
  it('posts the input with `submit` and a fresh Idempotency-Key, and the CSRF token', async () => {
    signedIn.server.routes['POST /api/complaints'] = () => json(201, complaintOf(COMPLAINT_INPUT, { state: 'submitted' }));
    const filer = createComplaintFiler(signedIn.api);
    const complaint = await filer.file(COMPLAINT_INPUT, { submit: true });
    expect(complaint.state).toBe('submitted');
    const sent = signedIn.server.last();
    expect([sent.method, sent.url, sent.headers['x-csrf-token']]).toEqual(['POST', '/api/complaints', 'csrf-1']);
    expect(JSON.parse(sent.body)).toEqual({ ...COMPLAINT_INPUT, submit: true });
    expect(keyOf(sent)).toMatch(UUID);
  });

  it('reuses the key when the same submission is retried after a failure, and only then', async () => {
    signedIn.server.routes['POST /api/complaints'] = inTurn(
      () => problem(503, 'service_unavailable'),
      () => ({ status: 0, hangUp: true }),
      () => json(201, complaintOf(COMPLAINT_INPUT, { state: 'submitted' })),
    );
    const filer = createComplaintFiler(signedIn.api);
    expect((await apiRejection(filer.file(COMPLAINT_INPUT, { submit: true }))).code).toBe('service_unavailable');
    expect((await apiRejection(filer.file(COMPLAINT_INPUT, { submit: true }))).code).toBe('network_error');
    await filer.file(COMPLAINT_INPUT, { submit: true });
    const keys = signedIn.server.seen.filter((request) => request.url === '/api/complaints').map(keyOf);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);

    // Filed: pressing Submit again is a new complaint, with a new key.
    await filer.file(COMPLAINT_INPUT, { submit: true });
    expect(keyOf(signedIn.server.last())).not.toBe(keys[0]);
  });

  it('makes a new key when the input changed between attempts, or Save draft follows Submit', async () => {
    signedIn.server.routes['POST /api/complaints'] = () =>
      problem(422, 'notice_not_qualified', { errors: [{ path: 'goodFaith', code: 'good_faith_missing', message: 'Declare…' }] });
    const filer = createComplaintFiler(signedIn.api);
    const unticked = { ...COMPLAINT_INPUT, goodFaith: false };
    const refused = await apiRejection(filer.file(unticked, { submit: true }));
    expect(refused.errors.map((error) => error.code)).toEqual(['good_faith_missing']);
    const first = keyOf(signedIn.server.last());

    await apiRejection(filer.file(COMPLAINT_INPUT, { submit: true }));
    const second = keyOf(signedIn.server.last());
    await apiRejection(filer.file(COMPLAINT_INPUT, { submit: false }));
    const third = keyOf(signedIn.server.last());
    await apiRejection(filer.file(COMPLAINT_INPUT, { submit: false }));
    expect(new Set([first, second, third]).size).toBe(3);
    expect(keyOf(signedIn.server.last())).toBe(third);
    expect(JSON.parse(signedIn.server.last().body).submit).toBe(false);
  });

  it('updates a saved draft in place, then submits it with a key that a retry reuses', async () => {
    signedIn.server.routes['PUT /api/complaints/cp1'] = () => json(200, complaintOf(COMPLAINT_INPUT));
    signedIn.server.routes['POST /api/complaints/cp1/submit'] = inTurn(
      () => ({ status: 0, hangUp: true }),
      () => json(200, complaintOf(COMPLAINT_INPUT, { state: 'submitted' })),
    );
    const filer = createComplaintFiler(signedIn.api);
    expect((await apiRejection(filer.file(COMPLAINT_INPUT, { submit: true, draftId: 'cp1' }))).code).toBe('network_error');
    expect((await filer.file(COMPLAINT_INPUT, { submit: true, draftId: 'cp1' })).state).toBe('submitted');

    expect(signedIn.server.seen.slice(1).map((request) => `${request.method} ${request.url}`)).toEqual([
      'PUT /api/complaints/cp1',
      'POST /api/complaints/cp1/submit',
      'PUT /api/complaints/cp1',
      'POST /api/complaints/cp1/submit',
    ]);
    const [put, firstSubmit, , secondSubmit] = signedIn.server.seen.slice(1);
    expect(JSON.parse(put!.body)).toEqual(COMPLAINT_INPUT);
    expect(keyOf(put!)).toBeUndefined();
    expect(keyOf(firstSubmit!)).toMatch(UUID);
    expect(keyOf(secondSubmit!)).toBe(keyOf(firstSubmit!));

    // Save draft on an existing draft is the PUT alone.
    signedIn.server.seen.length = 0;
    await filer.file(COMPLAINT_INPUT, { submit: false, draftId: 'cp1' });
    expect(signedIn.server.seen.map((request) => request.method)).toEqual(['PUT']);
  });
});

describe('Submit on the detail page', () => {
  it('sends one key per draft until the server has answered', async () => {
    signedIn.server.routes['POST /api/complaints/cp1/submit'] = inTurn(
      () => problem(403, 'identity_not_verified'),
      () => json(200, complaintOf(COMPLAINT_INPUT, { state: 'submitted' })),
    );
    signedIn.server.routes['POST /api/complaints/cp2/submit'] = () => json(200, complaintOf(COMPLAINT_INPUT, { id: 'cp2', state: 'submitted' }));
    const submit = createDraftSubmitter(signedIn.api);
    expect((await apiRejection(submit('cp1'))).code).toBe('identity_not_verified');
    await submit('cp1');
    await submit('cp2');
    const keys = signedIn.server.seen.slice(1).map(keyOf);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});
