import { describe, expect, it } from 'vitest';
import type { ComplaintInput } from '@openipp/shared';
import { TEST_USER, tinyPng } from '@/test/backend-double';
import { sampleMeta, useBackgroundTestbed } from '@/test/background-testbed';
import { startBackground } from './background-services';
import { submitDraft } from './complaint-submit';
import { complaintDraftItem, complaintSubmissionItem, sessionItem } from './storage';
import { enqueue, getEntry } from './queue';

const testbed = useBackgroundTestbed();

/** Signed in, the worker running, one capture uploaded: a draft naming it qualifies. */
async function ready(): Promise<ComplaintInput> {
  await sessionItem.setValue({ token: 'token-abc', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: TEST_USER });
  const entry = await enqueue({ meta: sampleMeta(21), png: tinyPng(), ownerId: TEST_USER.id });
  await startBackground(testbed.signal);
  const receipt = (await getEntry(entry.id))?.receipt;
  expect(receipt?.id).toBe('cap-1');
  const input: ComplaintInput = {
    principalId: null,
    rightId: 'right-1',
    reason: 'counterfeit',
    explanation: 'The listing sells counterfeit goods under our registered mark.',
    goodFaith: true,
    accuracy: true,
    listings: [{ url: sampleMeta(21).url, captureIds: ['cap-1'], location: { kind: 'region', x: 0, y: 0, width: 0.5, height: 0.5 } }],
  };
  await complaintDraftItem.setValue(input);
  return input;
}

const keys = () => testbed.backend.complaintRequests.map((r) => r.idempotencyKey);

describe('filing the draft', () => {
  it('sends the draft with submit:true under a fresh UUID key, then clears the draft', async () => {
    const input = await ready();
    const outcome = await submitDraft(input);
    expect(outcome).toMatchObject({ kind: 'filed', replayed: false, earlier: false, complaint: { id: 'cmp-1', state: 'submitted' } });
    expect(testbed.backend.complaintRequests).toHaveLength(1);
    expect(testbed.backend.complaintRequests[0]).toMatchObject({ body: { ...input, submit: true }, status: 201 });
    expect(keys()[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await complaintDraftItem.getValue()).toBeNull();
    expect(await complaintSubmissionItem.getValue()).toBeNull();
    expect(testbed.backend.requests.find((r) => r.method === 'POST' && r.path === '/api/complaints')?.authorization).toBe('Bearer token-abc');
  });

  it('keeps the key through a network error and replays it on the retry', async () => {
    const input = await ready();
    testbed.backend.script('/api/complaints', { kind: 'drop' });
    const failed = await submitDraft(input);
    expect(failed).toEqual({ kind: 'error', code: 'network_error', retryable: true });
    const stored = await complaintSubmissionItem.getValue();
    expect(stored?.request).toEqual({ ...input, submit: true });
    expect(await complaintDraftItem.getValue()).toEqual(input);

    expect(await submitDraft(input)).toMatchObject({ kind: 'filed', complaint: { id: 'cmp-1' } });
    expect(testbed.backend.complaintRequests.map((r) => r.idempotencyKey)).toEqual([stored!.idempotencyKey]);
    expect(testbed.backend.requests.filter((r) => r.method === 'POST' && r.path === '/api/complaints')).toHaveLength(2);
    expect(await complaintSubmissionItem.getValue()).toBeNull();
  });

  it('files once when the answer was lost: the retry gets the same complaint back (200)', async () => {
    const input = await ready();
    testbed.backend.script('/api/complaints', { kind: 'lost' });
    expect(await submitDraft(input)).toMatchObject({ kind: 'error', retryable: true });
    expect(testbed.backend.complaints).toHaveLength(1);

    const retried = await submitDraft(input);
    expect(retried).toMatchObject({ kind: 'filed', replayed: true, complaint: { id: 'cmp-1' } });
    expect(testbed.backend.complaints).toHaveLength(1);
    expect(new Set(keys()).size).toBe(1);
    expect(testbed.backend.complaintRequests.map((r) => r.status)).toEqual([201, 200]);
  });

  it('settles an unanswered filing before sending an edited draft, so nothing is filed twice', async () => {
    const input = await ready();
    testbed.backend.script('/api/complaints', { kind: 'lost' });
    await submitDraft(input);
    const edited = { ...input, explanation: `${input.explanation} Edited after the failure.` };
    await complaintDraftItem.setValue(edited);

    const outcome = await submitDraft(edited);
    expect(outcome).toMatchObject({ kind: 'filed', earlier: true, complaint: { id: 'cmp-1', explanation: input.explanation } });
    expect(testbed.backend.complaints).toHaveLength(1);
    expect(testbed.backend.complaintRequests.every((r) => r.body.explanation === input.explanation)).toBe(true);
    expect(await complaintDraftItem.getValue()).toBeNull();
  });

  it("shows the server's problems on 422 notice_not_qualified and starts afresh after a definite refusal", async () => {
    const input = await ready();
    const unqualified = { ...input, goodFaith: false, listings: [{ ...input.listings[0]!, captureIds: ['cap-404'] }] };
    const outcome = await submitDraft(unqualified);
    expect(outcome).toEqual({
      kind: 'not_qualified',
      problems: [
        { code: 'listing_evidence_unverified', path: 'listings.0.captureIds.0', params: { listing: 1 }, message: 'listing_evidence_unverified' },
        { code: 'good_faith_missing', path: 'goodFaith', message: 'good_faith_missing' },
      ],
    });
    expect(await complaintSubmissionItem.getValue()).toBeNull();
    expect(await complaintDraftItem.getValue()).toEqual(input);

    expect(await submitDraft(input)).toMatchObject({ kind: 'filed' });
    const [first, second] = keys();
    expect(first).not.toBe(second);
  });

  it('reports a refusal by code, not retryable (403 identity_not_verified)', async () => {
    const input = await ready();
    testbed.backend.state.complaintContext.identityVerified = false;
    expect(await submitDraft(input)).toEqual({ kind: 'error', code: 'identity_not_verified', retryable: false });
    expect(await complaintDraftItem.getValue()).toEqual(input);
    expect(await complaintSubmissionItem.getValue()).toBeNull();
  });
});
