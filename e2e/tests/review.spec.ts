import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFICIENCY_CODES, type Complaint, type Timeline } from '@openipp/shared';
import { AgreementGate } from '../pages/agreement-gate';
import { ConsolePage } from '../pages/console';
import { ReviewDesk } from '../pages/review';
import { captureIdsByUrl, fileComplaint } from '../support/complaint-filing';
import { acceptedToken } from '../support/demo-rights';
import { captureListings, marketplaceJourney, signInThroughPopup } from '../support/marketplace-journey';
import { backendDir, repoRoot } from '../support/paths';

const PASSWORD = 'demo-password-1';
const REGION = { kind: 'region', x: 0.1, y: 0.2, width: 0.4, height: 0.3 } as const;

// Typed over the templates' [[placeholders]], one answer per placeholder in the order they appear.
const UPHOLD_COUNTERFEIT = [
  'DemoBrand',
  'TM-DEMO-0001',
  'bags and leather goods in Nice class 18',
  'today',
  'the DemoBrand logo stamped on the bag and on its dust cover',
  'a price of 59 CNY, a tenth of the genuine bag, from a seller the rights holder never authorised',
];
const REJECT_AMAZON = 'the capture shows a plain tote bag; neither the DemoBrand mark nor a similar sign appears on the product or its photos';
const REJECT_B = 'the listing sells a genuine DemoBrand bag bought from an authorised retailer, as its invoice in the photos shows';
const INFO_MESSAGE = 'Please mark where on the page the DemoBrand mark appears: a quote alone does not show the infringing item.';
const ANSWER_MESSAGE = 'The new capture shows the DemoBrand logo on the bag in the second product photo.';

const en = JSON.parse(readFileSync(join(repoRoot, 'locales', 'en', 'console.json'), 'utf8')) as {
  complaints: { events: Record<string, string>; states: Record<string, string> };
  timeline: { steps: Record<string, string> };
};

const templates = (JSON.parse(readFileSync(join(repoRoot, 'locales', 'en', 'review.json'), 'utf8')) as { templates: Record<string, string> }).templates;

/** A template with its placeholders replaced, in order, by the answers. */
function filled(template: string, answers: readonly string[]): string {
  let next = 0;
  const text = template.replace(/\[\[[^\]]*?\]\]/gu, () => answers[next++] ?? '');
  expect(next).toBe(answers.length);
  return text;
}

function listingAt(complaint: Complaint, position: number): Complaint['listings'][number] {
  const listing = complaint.listings.find((item) => item.position === position);
  if (!listing) throw new Error(`complaint ${complaint.id} has no listing ${position}`);
  return listing;
}

interface ListingRow {
  id: string;
  position: number;
  outcome: string;
  statement: string | null;
  measure: string | null;
  decided_by: string | null;
}

const journey = marketplaceJourney();

test('a reviewer works three complaints by keyboard alone; the complainant answers from the extension; every step is on the verified timeline', async () => {
  test.setTimeout(300_000);
  const { backend, fixtures, browser } = journey;

  // ---------------------------------------------------------------- the complainant files three complaints
  const popup = await signInThroughPopup(journey, 'monitor@demo.test', PASSWORD);
  const first = fixtures.taobaoItem('612345678901');
  const second = fixtures.taobaoItem('612345678902');
  const amazon = fixtures.amazonItem('B0DEMO0001');
  await captureListings(popup, [first, second, amazon]);

  const monitor = await acceptedToken(backend, 'monitor@demo.test');
  const captures = await captureIdsByUrl(backend, monitor);
  const captureOf = (url: string): string => {
    const id = captures.get(url);
    if (id === undefined) throw new Error(`no capture of ${url} among ${[...captures.keys()].join(', ')}`);
    return id;
  };
  // A: two listings, each marked as a region of its capture.
  const a = await fileComplaint(backend, monitor, [
    { url: first, captureId: captureOf(first), location: REGION },
    { url: amazon, captureId: captureOf(amazon), location: REGION },
  ]);
  const b = await fileComplaint(backend, monitor, [{ url: second, captureId: captureOf(second), location: REGION }]);
  // C names A's first listing again, located only by a quote: its period runs two business days longer
  // (materials_unlocated), so the queue puts it after B.
  const c = await fileComplaint(backend, monitor, [{ url: first, captureId: captureOf(first), location: { kind: 'text', quote: 'DemoBrand Classic Tote Bag' } }]);
  const [aFirst, aAmazon] = [listingAt(a, 1), listingAt(a, 2)];
  const bOnly = listingAt(b, 1);
  const auditBefore = backend.countRows('audit_log');

  // ---------------------------------------------------------------- the reviewer signs in
  const reviewerPage = await browser.context.newPage();
  const consolePage = new ConsolePage(reviewerPage, backend.url);
  await consolePage.submitLogin('reviewer@demo.test', PASSWORD);
  const gate = new AgreementGate(reviewerPage);
  await gate.expectShown(2);
  await gate.accept();
  await expect(reviewerPage.getByTestId('user-email')).toContainText('reviewer@demo.test');
  const reviewer = await acceptedToken(backend, 'reviewer@demo.test');
  const reviewerId = (await backend.api<{ user: { id: string } }>('/api/me', reviewer)).user.id;

  // What the console sends, to show a blocked decision never left the page.
  const sent: string[] = [];
  reviewerPage.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === 'POST' && /\/(decision|info-request)$/u.test(path)) sent.push(path);
  });

  // From here on the review UI is worked with the keyboard only.
  const desk = new ReviewDesk(reviewerPage);
  await reviewerPage.goto(`${backend.url}/#/review`);
  await expect(desk.queueTable).toBeVisible();
  await expect(desk.queueRows()).toHaveCount(3);
  const order = await desk.queueOrder();
  expect(order.indexOf(b.id)).toBeLessThan(order.indexOf(c.id));
  for (const id of [a.id, b.id, c.id]) {
    await expect(desk.queueRow(id)).toHaveAttribute('data-state', 'submitted');
    await expect(desk.queueRow(id)).toHaveAttribute('data-claimed', 'false');
  }

  await desk.press('?');
  await expect(reviewerPage.getByTestId('shortcut-help')).toBeVisible();
  await desk.press('Escape');
  await expect(reviewerPage.getByTestId('shortcut-help')).toBeHidden();

  // ---------------------------------------------------------------- complaint A: claim, evidence, uphold one listing, reject the other
  await desk.moveTo(a.id);
  await desk.press('o');
  await desk.expectWorking(a.id);
  // Opening claimed it, and claiming a submitted complaint starts its review.
  await expect(reviewerPage.getByTestId('review-state')).toHaveAttribute('data-state', 'in_review');
  const held = await backend.api<{ claim: { reviewer: { email: string }; expiresAt: string } | null }>(`/api/review/complaints/${a.id}`, reviewer);
  expect(held.claim?.reviewer.email).toBe('reviewer@demo.test');
  expect(Date.parse(held.claim!.expiresAt)).toBeGreaterThan(Date.now());
  await expect(desk.listings()).toHaveCount(2);
  await expect(reviewerPage.getByTestId('due-date')).toBeVisible();
  for (const listing of [aFirst, aAmazon]) {
    const card = desk.listing(listing.position);
    await expect(card.getByTestId('evidence-capture')).toHaveAttribute('data-verified', 'true');
    await expect(card.getByTestId('capture-hash-status')).toHaveAttribute('data-verified', 'true');
    await expect(card.getByTestId('region-box')).toHaveCount(1);
  }
  // The marked region sits where the complainant drew it on the screenshot: 10 %, 20 %, 40 % × 30 % of the picture.
  const shot = desk.listing(1).getByTestId('evidence-capture').locator('img');
  await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const box = desk.listing(1).getByTestId('region-box');
  await expect(box).toBeVisible();
  const picture = (await shot.boundingBox())!;
  const region = (await box.boundingBox())!;
  expect(Math.abs(region.x - (picture.x + REGION.x * picture.width))).toBeLessThan(3);
  expect(Math.abs(region.y - (picture.y + REGION.y * picture.height))).toBeLessThan(3);
  expect(Math.abs(region.width - REGION.width * picture.width)).toBeLessThan(3);
  expect(Math.abs(region.height - REGION.height * picture.height)).toBeLessThan(3);

  // u: uphold listing 1; the statement is filled from the template with its first placeholder selected.
  await expect(desk.listing(1)).toHaveAttribute('data-current', 'true');
  await desk.press('u');
  await expect(desk.listing(1)).toHaveAttribute('data-draft-outcome', 'upheld');
  const upheld = desk.statement(aFirst.id);
  await expect(upheld).toHaveAttribute('data-unfilled', String(UPHOLD_COUNTERFEIT.length));
  await desk.fillPlaceholders(upheld, UPHOLD_COUNTERFEIT.slice(0, -1));
  await expect(upheld).toHaveAttribute('data-unfilled', '1');
  await expect(reviewerPage.getByTestId('statement-unfilled')).toBeVisible();
  await expect(desk.footer).toHaveAttribute('data-ready', 'false');

  // Escape leaves the text, j moves to listing 2, r rejects it.
  await desk.press('Escape');
  await expect(upheld).not.toBeFocused();
  await desk.press('j');
  await expect(desk.listing(2)).toHaveAttribute('data-current', 'true');
  await desk.press('r');
  await expect(desk.listing(2)).toHaveAttribute('data-draft-outcome', 'rejected');
  const rejected = desk.statement(aAmazon.id);
  await desk.fillPlaceholders(rejected, [REJECT_AMAZON]);
  await expect(rejected).toHaveAttribute('data-unfilled', '0');

  // Every listing has an outcome now; one placeholder left in listing 1 still blocks sending, from the field and from the page.
  await expect(reviewerPage.getByTestId('decision-undecided')).toHaveCount(0);
  await expect(reviewerPage.locator('[data-testid="decision-unfilled"][data-position="1"]')).toBeVisible();
  await expect(desk.footer).toHaveAttribute('data-ready', 'false');
  await expect(reviewerPage.getByTestId('decision-send')).toBeDisabled();
  await desk.press('Control+Enter');
  await desk.press('Escape');
  await desk.press('s');
  await expect(desk.reviewPage).toHaveAttribute('data-complaint-id', a.id);
  await expect(reviewerPage.getByTestId('decision-error')).toHaveCount(0);
  expect((await backend.api<Complaint>(`/api/complaints/${a.id}`, monitor)).state).toBe('in_review');
  expect(sent).toEqual([]);

  // k back to listing 1; u again keeps what was written and selects the placeholder left.
  await desk.press('k');
  await expect(desk.listing(1)).toHaveAttribute('data-current', 'true');
  await desk.press('u');
  await desk.fillPlaceholders(upheld, UPHOLD_COUNTERFEIT.slice(-1));
  await expect(upheld).toHaveAttribute('data-unfilled', '0');
  await expect(desk.footer).toHaveAttribute('data-ready', 'true');

  // s: send and go on to the next complaint in the queue, B, without a page load.
  const pageLoads: string[] = [];
  reviewerPage.on('load', () => pageLoads.push(reviewerPage.url()));
  await desk.press('Escape');
  await desk.press('s');

  // ---------------------------------------------------------------- complaint B: reject its listing, send from the field
  await desk.expectWorking(b.id);
  await desk.press('r');
  const bStatement = desk.statement(bOnly.id);
  await desk.fillPlaceholders(bStatement, [REJECT_B]);
  await expect(desk.footer).toHaveAttribute('data-ready', 'true');
  await desk.press('Control+Enter');

  // ---------------------------------------------------------------- complaint C: request information
  await desk.expectWorking(c.id);
  // The same listing as A's first one: the earlier complaint is shown beside it.
  await expect(desk.listing(1).locator(`[data-testid="earlier-complaint"][data-complaint-id="${a.id}"]`)).toBeVisible();
  await desk.press('i');
  await expect(desk.infoForm).toBeVisible();
  await expect(desk.deficiency(DEFICIENCY_CODES[0])).toBeFocused();
  const wanted = DEFICIENCY_CODES.indexOf('listing_location');
  for (let step = 0; step < wanted; step++) await desk.press('Tab');
  await expect(desk.deficiency('listing_location')).toBeFocused();
  await desk.press('Space');
  await expect(desk.deficiency('listing_location')).toBeChecked();
  // On past the other deficiencies to the message.
  for (let step = wanted; step < DEFICIENCY_CODES.length; step++) await desk.press('Tab');
  const message = reviewerPage.getByTestId('info-message');
  await expect(message).toBeFocused();
  await reviewerPage.keyboard.type(INFO_MESSAGE);
  const deadline = await reviewerPage.getByTestId('info-deadline').getAttribute('data-deadline');
  expect(Date.parse(deadline ?? '')).toBeGreaterThan(Date.now());
  await expect(reviewerPage.getByTestId('info-send-next')).toBeEnabled();
  // Ctrl+Enter sends and moves on: nothing is left to take, so the queue shows, empty.
  await desk.press('Control+Enter');
  await expect(reviewerPage.getByTestId('queue-empty')).toBeVisible();
  expect(reviewerPage.url()).toMatch(/#\/review$/u);
  // All three were worked in one page: only hash changes, no page load; one request each.
  expect(pageLoads).toEqual([]);
  expect(sent).toEqual([`/api/review/complaints/${a.id}/decision`, `/api/review/complaints/${b.id}/decision`, `/api/review/complaints/${c.id}/info-request`]);

  // ---------------------------------------------------------------- what the server recorded
  const decidedA = await backend.api<Complaint>(`/api/complaints/${a.id}`, monitor);
  expect(decidedA.state).toBe('decided');
  expect([...decidedA.listings].sort((x, y) => x.position - y.position).map((listing) => listing.outcome)).toEqual(['upheld', 'rejected']);
  expect(decidedA.transitions.map((transition) => [transition.event, transition.to, transition.actor.email])).toEqual([
    [null, 'draft', 'monitor@demo.test'],
    ['submit', 'submitted', 'monitor@demo.test'],
    ['start_review', 'in_review', 'reviewer@demo.test'],
    ['decide', 'decided', 'reviewer@demo.test'],
  ]);
  const decidedB = await backend.api<Complaint>(`/api/complaints/${b.id}`, monitor);
  expect(decidedB.state).toBe('decided');
  expect(decidedB.listings.map((listing) => listing.outcome)).toEqual(['rejected']);
  const waiting = await backend.api<Complaint>(`/api/complaints/${c.id}`, monitor);
  expect(waiting.state).toBe('needs_info');
  const requests = await backend.api<{ items: { deficiencies: string[]; message: string; deadline: string; response: unknown }[] }>(
    `/api/complaints/${c.id}/info-requests`,
    monitor,
  );
  expect(requests.items).toHaveLength(1);
  expect(requests.items[0]).toMatchObject({ deficiencies: ['listing_location'], message: INFO_MESSAGE, response: null });
  expect(Date.parse(requests.items[0]!.deadline)).toBe(Date.parse(deadline!));

  // The statements as typed, without a placeholder; the takedown requested for the upheld listing only.
  const listingRows = backend.rows<ListingRow>(
    'SELECT id, position, outcome, statement, measure, decided_by FROM complaint_listings WHERE complaint_id = ? ORDER BY position',
    a.id,
  );
  expect(listingRows.map((row) => [row.outcome, row.measure, row.decided_by])).toEqual([
    ['upheld', 'takedown_requested', reviewerId],
    ['rejected', null, reviewerId],
  ]);
  // Each answer took exactly the place of its placeholder: Tab selected one after another.
  expect(listingRows.map((row) => row.statement)).toEqual([
    filled(templates.upheld_counterfeit!, UPHOLD_COUNTERFEIT),
    filled(templates.rejected_not_infringing!, [REJECT_AMAZON]),
  ]);
  for (const row of listingRows) expect(row.statement).not.toContain('[[');
  expect(backend.rows<{ statement: string }>('SELECT statement FROM complaint_listings WHERE complaint_id = ?', b.id)).toEqual([
    { statement: filled(templates.rejected_not_infringing!, [REJECT_B]) },
  ]);
  // The complainant's timeline carries the same decision, measure included.
  const timelineA = await backend.api<Timeline>(`/api/complaints/${a.id}/timeline`, monitor);
  const decision = timelineA.items.find((entry) => entry.kind === 'decision');
  expect(decision?.payload).toMatchObject({
    stage: 'final',
    listings: [
      { listingId: aFirst.id, outcome: 'upheld', measure: 'takedown_requested' },
      { listingId: aAmazon.id, outcome: 'rejected', measure: null },
    ],
  });
  // The sellers are informed through the notification records, one per decided listing.
  expect(
    backend.rows<{ complaint_id: string; kind: string }>('SELECT complaint_id, kind FROM notifications WHERE complaint_id IN (?, ?, ?) ORDER BY created_at, kind', a.id, b.id, c.id),
  ).toEqual([
    { complaint_id: a.id, kind: 'listing_rejected' },
    { complaint_id: a.id, kind: 'listing_upheld' },
    { complaint_id: b.id, kind: 'listing_rejected' },
  ]);

  // Each step appended its audit entry: per complaint a start of review, then a decision (transition and
  // decision entry) or a request (its entry and the transition).
  const auditOf = (id: string, after: number) =>
    backend
      .rows<{ kind: string; actor_id: string | null }>('SELECT kind, actor_id FROM audit_log WHERE subject_id = ? AND seq > ? ORDER BY seq', id, after)
      .map((row) => [row.kind, row.actor_id]);
  expect(auditOf(a.id, auditBefore)).toEqual([
    ['complaint_transition', reviewerId],
    ['complaint_transition', reviewerId],
    ['decision', reviewerId],
  ]);
  expect(auditOf(b.id, auditBefore)).toEqual(auditOf(a.id, auditBefore));
  expect(auditOf(c.id, auditBefore)).toEqual([
    ['complaint_transition', reviewerId],
    ['complaint_transition', reviewerId],
    ['info_request', reviewerId],
  ]);
  expect(backend.countRows('audit_log')).toBe(auditBefore + 9);

  // ---------------------------------------------------------------- the complainant answers from the extension
  const requestsPage = await browser.context.newPage();
  await requestsPage.goto(`chrome-extension://${browser.extensionId}/requests.html`);
  const row = requestsPage.locator(`[data-testid="info-request-row"][data-complaint-id="${c.id}"]`);
  await expect(row).toBeVisible();
  await expect(requestsPage.getByTestId('info-request-row')).toHaveCount(1);
  await expect(row.getByTestId('request-message')).toHaveText(INFO_MESSAGE);
  await expect(row.locator('[data-testid="deficiency"][data-code="listing_location"]')).toBeVisible();
  await row.getByTestId('answer-request').click();
  const form = requestsPage.getByTestId('answer-form');
  await expect(form).toHaveAttribute('data-complaint-id', c.id);
  await form.getByTestId('answer-message').fill(ANSWER_MESSAGE);
  // The capture of the complaint's own listing, verified by the receipt this device holds.
  const option = form.locator(`[data-testid="answer-capture-option"][data-state="verified"][data-capture-id="${captureOf(first)}"]`);
  await option.check();
  await form.getByTestId('answer-send').click();
  await expect(requestsPage.getByTestId('answer-result')).toHaveAttribute('data-state', 'in_review');
  await expect(requestsPage.getByTestId('answer-result')).toHaveAttribute('data-complaint-id', c.id);
  await expect(requestsPage.getByTestId('answer-error')).toHaveCount(0);
  await expect(requestsPage.getByTestId('info-request-row')).toHaveCount(0);

  const answered = await backend.api<{ items: { response: { message: string; captureIds: string[] } | null }[] }>(`/api/complaints/${c.id}/info-requests`, monitor);
  expect(answered.items[0]?.response).toMatchObject({ message: ANSWER_MESSAGE, captureIds: [captureOf(first)] });

  // ---------------------------------------------------------------- C is back in the reviewer's queue, workable again
  await reviewerPage.bringToFront();
  await reviewerPage.reload();
  await expect(desk.queueRows()).toHaveCount(1);
  await expect(desk.queueRow(c.id)).toHaveAttribute('data-state', 'in_review');
  await expect(desk.queueRow(c.id)).toHaveAttribute('data-claimed', 'false');
  // n opens the next complaint to work: C, with the answer beside the request.
  await desk.press('n');
  await desk.expectWorking(c.id);
  const request = reviewerPage.getByTestId('info-request');
  await expect(request).toHaveAttribute('data-state', 'answered');
  await expect(request.getByTestId('info-response')).toContainText(ANSWER_MESSAGE);

  // ---------------------------------------------------------------- the timeline shows every step, each verified
  await reviewerPage.goto(`${backend.url}/#/complaints/${c.id}`);
  await expect(reviewerPage.getByTestId('complaint-state')).toHaveAttribute('data-state', 'in_review');
  const timeline = reviewerPage.getByTestId('complaint-timeline');
  await expect(timeline.getByTestId('timeline-integrity')).toHaveAttribute('data-broken', '0');
  const recorded = await backend.api<Timeline>(`/api/complaints/${c.id}/timeline`, monitor);
  const steps: { kind: string; event: string | null; words: string }[] = [
    { kind: 'complaint_transition', event: null, words: en.complaints.states.draft! },
    { kind: 'complaint_transition', event: 'submit', words: en.complaints.events.submit! },
    { kind: 'complaint_transition', event: 'start_review', words: en.complaints.events.start_review! },
    { kind: 'complaint_transition', event: 'request_info', words: en.complaints.events.request_info! },
    { kind: 'info_request', event: 'requested', words: en.timeline.steps.requested! },
    { kind: 'complaint_transition', event: 'provide_info', words: en.complaints.events.provide_info! },
    { kind: 'info_request', event: 'answered', words: en.timeline.steps.answered! },
  ];
  const entries = timeline.getByTestId('timeline-entry');
  await expect(entries).toHaveCount(recorded.items.length);
  let previousSeq = 0;
  for (const step of steps) {
    const entry = recorded.items.find((item) => item.kind === step.kind && (item.payload.event ?? null) === step.event);
    expect(entry, `${step.kind} ${step.event}`).toBeDefined();
    // In the order the journey took them.
    expect(entry!.seq).toBeGreaterThan(previousSeq);
    previousSeq = entry!.seq;
    expect(entry!.verified).toBe(true);
    const shown = timeline.locator(`[data-testid="timeline-entry"][data-seq="${entry!.seq}"]`);
    await expect(shown).toHaveAttribute('data-kind', step.kind);
    await expect(shown).toHaveAttribute('data-verified', 'true');
    await expect(shown.getByTestId('timeline-summary')).toContainText(step.words);
  }
  expect(await entries.evaluateAll((rows) => rows.every((row) => row.getAttribute('data-verified') === 'true'))).toBe(true);
  await expect(timeline.locator('[data-testid="timeline-summary"]', { hasText: INFO_MESSAGE })).toHaveCount(1);
  await expect(timeline.locator('[data-testid="timeline-summary"]', { hasText: ANSWER_MESSAGE })).toHaveCount(1);

  // The whole chain verifies offline too, as `npm run audit:verify` runs it.
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], {
    cwd: backendDir,
    env: { ...process.env, DATA_DIR: backend.dataDir, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
  expect(verify.stdout).toContain(String(backend.countRows('audit_log')));
});
