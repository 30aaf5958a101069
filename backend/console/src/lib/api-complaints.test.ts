import { describe, expect, it } from 'vitest';
import { COMPLAINT_INPUT, complaintOf } from '../test/fixtures';
import { json, problem } from '../test/http-double';
import { apiRejection, signedInApi } from '../test/signed-in-api';
import { rightProofUrl } from './api';

const signedIn = signedInApi();

const summary = { id: 'cp1', state: 'submitted', reason: 'counterfeit', right: null, principal: null, listingCount: 2, createdAt: '2026-11-29T09:00:00.000Z', updatedAt: '2026-11-29T09:00:00.000Z', submittedAt: null };

describe('complaint calls', () => {
  it('lists complaints with the state filter and cursor in the query', async () => {
    signedIn.server.routes['GET /api/complaints'] = () => json(200, { items: [summary], nextCursor: 'next-1' });
    const page = await signedIn.api.listComplaints({ state: 'in_review', limit: 25, cursor: 'abc/+=' });
    expect(page).toEqual({ items: [summary], nextCursor: 'next-1' });
    expect(signedIn.server.last().url).toBe('/api/complaints?state=in_review&limit=25&cursor=abc%2F%2B%3D');
    await signedIn.api.listComplaints();
    expect(signedIn.server.last().url).toBe('/api/complaints');
  });

  it('reads one complaint, and refuses a body that breaks the contract', async () => {
    signedIn.server.routes['GET /api/complaints/a%2Fb'] = () => json(200, complaintOf(COMPLAINT_INPUT, { id: 'a/b' }));
    expect((await signedIn.api.getComplaint('a/b')).listings[0]?.location).toEqual(COMPLAINT_INPUT.listings[0]?.location);
    signedIn.server.routes['GET /api/complaints/a%2Fb'] = () => json(200, { ...complaintOf(COMPLAINT_INPUT), state: 'lost' });
    expect((await apiRejection(signedIn.api.getComplaint('a/b'))).code).toBe('unknown');
  });

  it('withdraws with the note trimmed, or none, and the CSRF token', async () => {
    signedIn.server.routes['POST /api/complaints/cp1/withdraw'] = () => json(200, complaintOf(COMPLAINT_INPUT, { state: 'withdrawn' }));
    expect((await signedIn.api.withdrawComplaint('cp1', '  duplicate of another  ')).state).toBe('withdrawn');
    expect([JSON.parse(signedIn.server.last().body), signedIn.server.last().headers['x-csrf-token']]).toEqual([{ note: 'duplicate of another' }, 'csrf-1']);
    await signedIn.api.withdrawComplaint('cp1', '   ');
    expect(JSON.parse(signedIn.server.last().body)).toEqual({});
    signedIn.server.routes['POST /api/complaints/cp1/withdraw'] = () => problem(409, 'invalid_transition');
    expect((await apiRejection(signedIn.api.withdrawComplaint('cp1'))).code).toBe('invalid_transition');
  });

  it('looks a listing up by its URL, encoded whole', async () => {
    const url = 'https://item.taobao.com/item.htm?id=680123456789&spm=a#x';
    signedIn.server.routes['GET /api/complaints/lookup'] = () =>
      json(200, { canonicalUrl: 'https://item.taobao.com/item.htm?id=680123456789', reports: [{ complaintId: 'cp1', state: 'submitted', submittedAt: '2026-11-29T09:00:00.000Z' }] });
    expect((await signedIn.api.lookupListing(url)).reports[0]?.complaintId).toBe('cp1');
    expect(new URL(signedIn.server.last().url, 'http://x').searchParams.get('url')).toBe(url);
  });

  it('reads the context and the statistics', async () => {
    const context = { tenantKind: 'agency', identityVerified: true, complainant: null, rights: [], principals: [{ id: 'p1', legalName: 'Brand GmbH' }], serverTime: '2026-11-29T09:00:00.000Z' };
    signedIn.server.routes['GET /api/complaints/context'] = () => json(200, context);
    expect(await signedIn.api.complaintContext()).toEqual(context);
    const stats = { complaints: { submitted: 1, open: 1, decided: 0, withdrawn: 0 }, listings: { upheld: 0, rejected: 0, pending: 2, reversed: 0 }, medianHoursToDecision: null };
    signedIn.server.routes['GET /api/complaints/stats'] = () => json(200, stats);
    expect(await signedIn.api.complaintStats()).toEqual(stats);
    signedIn.server.routes['GET /api/complaints/stats'] = () => json(200, { ...stats, medianHoursToDecision: 'soon' });
    expect((await apiRejection(signedIn.api.complaintStats())).code).toBe('unknown');
  });

  it("keeps a 422's per-problem params, dropping values that cannot be shown in a text", async () => {
    signedIn.server.routes['POST /api/complaints'] = () =>
      problem(422, 'notice_not_qualified', {
        errors: [
          { path: 'listings.0.url', code: 'listing_duplicate', message: 'dup', params: { listing: 2, first: 1, junk: { a: 1 } } },
          { path: 'goodFaith', code: 'good_faith_missing', message: 'tick' },
        ],
      });
    const error = await apiRejection(signedIn.api.createComplaint({ ...COMPLAINT_INPUT, submit: true }, '0192f1e0-0000-7000-8000-000000000001'));
    expect(error.errors).toEqual([
      { path: 'listings.0.url', code: 'listing_duplicate', message: 'dup', params: { listing: 2, first: 1 } },
      { path: 'goodFaith', code: 'good_faith_missing', message: 'tick' },
    ]);
  });
});

describe('rights calls', () => {
  it('lists the staff queue by status and posts a decision', async () => {
    signedIn.server.routes['GET /api/admin/rights'] = () => json(200, { items: [] });
    await signedIn.api.adminListRights('pending');
    expect(signedIn.server.last().url).toBe('/api/admin/rights?status=pending');
    await signedIn.api.adminListRights();
    expect(signedIn.server.last().url).toBe('/api/admin/rights');

    signedIn.server.routes['POST /api/admin/rights/r%2F1/verification'] = () => json(200, { status: 'rejected', decidedAt: '2026-11-29T10:00:00.000Z', reasons: 'Certificate unreadable' });
    const decision = await signedIn.api.adminDecideRight('r/1', { decision: 'reject', reasons: 'Certificate unreadable' });
    expect(decision.status).toBe('rejected');
    expect([JSON.parse(signedIn.server.last().body), signedIn.server.last().headers['x-csrf-token']]).toEqual([{ decision: 'reject', reasons: 'Certificate unreadable' }, 'csrf-1']);
  });

  it('links each proof to its download route', () => {
    expect(rightProofUrl('r/1', 'p 2')).toBe('/api/rights/r%2F1/proofs/p%202');
  });
});
