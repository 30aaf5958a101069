import { resources } from '@openipp/locales';
import { CounterNoticeDecisionRequestSchema, unfilledPlaceholders } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../lib/api';
import { RESTORE_TEMPLATE_IDS, RESTORE_TEMPLATES, refusedPlaceholders, restoreDecisionOf, type RestoreDraft } from '../lib/counter-notice-decision';
import { formatDateTime } from '../lib/format';
import { json, problem } from '../test/http-double';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { apiRejection, signedInApi } from '../test/signed-in-api';
import { RestoreDecisionForm, RestoreDueDialog, RestoreDueTable, type RestoreDueItem } from './restore-due';
import { CounterNoticeCard } from './review-panels';

const signedIn = signedInApi();

const item: RestoreDueItem = {
  id: 'cn1',
  complaintId: 'cp1',
  listingId: 'l1',
  statement: 'The shoes are genuine DemoBrand goods bought from the brand’s distributor; invoices attached.',
  identity: { legalName: 'Harbour Trading Ltd.', registrationNumber: '91310000MA1FL0XX1X', address: '1 Bund Road, Shanghai', email: 'legal@harbour.example', phone: '+86 21 5555 0100' },
  declaration: true,
  filedAt: '2026-12-01T02:00:00.000Z',
  deliveredAt: '2026-12-01T02:00:05.000Z',
  windowEndsAt: '2026-12-16T15:59:59.999Z',
  rule: { kind: 'natural_days', days: 15, basis: 'cn_ecommerce_law_art43' },
  state: 'restore_due',
  evidence: [{ id: 'd1', fileName: 'invoice.pdf', mime: 'application/pdf', bytes: 82_000, sha256: 'a'.repeat(64), uploadedAt: '2026-12-01T02:00:00.000Z' }],
  proofs: [],
  decision: null,
  restoreDueAt: '2026-12-16T16:00:30.000Z',
  canonicalUrl: 'https://item.taobao.com/item.htm?id=680123456789',
  complainantTenantId: 't1',
};

const ready: RestoreDraft = { action: 'restore', template: '', statement: 'The window ended on 16 December without proof of an action; the listing is restored.' };

/** Whether the radio button is checked (an <input/> closes itself, which findByTestId does not read). */
function checked(html: string, testId: string): boolean {
  const input = new RegExp(`<input[^>]*data-testid="${testId}"[^>]*>`, 'u').exec(html)?.[0];
  expect(input, testId).toBeDefined();
  return /\schecked=""/u.test(input ?? '');
}

function form(draft: RestoreDraft, failure?: unknown, lng: 'en' | 'zh-CN' = 'en') {
  return renderHtml(<RestoreDecisionForm counterNotice={item} draft={draft} onDraft={() => undefined} sending={false} failure={failure} onSend={() => undefined} />, testI18n(lng));
}

describe('the restore-due list', () => {
  it('names each listing, its complaint, when its window ended and under which rule', () => {
    const html = renderHtml(<RestoreDueTable items={[item]} onOpen={() => undefined} />);
    const [row] = findByTestId(html, 'restore-due-item');
    expect(row?.attributes).toMatchObject({ 'data-counter-notice-id': 'cn1', 'data-complaint-id': 'cp1', 'data-window-ends-at': item.windowEndsAt });
    expect(findByTestId(html, 'restore-due-url')[0]?.attributes.href).toBe(item.canonicalUrl);
    expect(findByTestId(html, 'restore-due-complaint')[0]?.attributes.href).toBe('#/complaints/cp1');
    expect(findByTestId(html, 'restore-due-rule')[0]?.text).toBe('15 natural days from delivery · China E-Commerce Law, Art. 43');
    expect(findByTestId(html, 'restore-due-open')).toHaveLength(1);
  });
});

describe('the counter-notice as staff read it', () => {
  it('shows the seller’s statement and identity, its evidence as downloads, the complainant’s proofs and the decision', () => {
    const decided = {
      ...item,
      state: 'retained' as const,
      proofs: [{ id: 'p1', note: 'Lawsuit filed at the Shanghai IP Court, case (2026) 沪73民初 123.', fileName: 'filing.pdf', mime: 'application/pdf' as const, bytes: 20_000, sha256: 'b'.repeat(64), uploadedAt: '2026-12-10T02:00:00.000Z' }],
      decision: { action: 'retain' as const, statement: 'The complainant sued in time; the measure is retained.', decidedAt: '2026-12-11T02:00:00.000Z' },
    };
    const html = renderHtml(<CounterNoticeCard counterNotice={decided} listing={{ id: 'l1', position: 2, canonicalUrl: item.canonicalUrl }} />);
    expect(findByTestId(html, 'counter-notice')[0]?.attributes).toMatchObject({ 'data-counter-notice-id': 'cn1', 'data-state': 'retained' });
    expect(html).toContain('Counter-notice on listing 2');
    expect(findByTestId(html, 'counter-notice-statement')[0]?.text).toBe(item.statement);
    expect(findByTestId(html, 'counter-notice-identity')[0]?.text).toContain('91310000MA1FL0XX1X');
    expect(html).toContain('href="/api/counter-notices/cn1/evidence/d1"');
    expect(findByTestId(html, 'counter-notice-proof')[0]?.text).toContain('case (2026) 沪73民初 123');
    expect(findByTestId(html, 'counter-notice-proof-link')[0]?.attributes.href).toBe('/api/counter-notices/cn1/proofs/p1');
    expect(findByTestId(html, 'counter-notice-decision')[0]?.attributes['data-action']).toBe('retain');

    const waiting = renderHtml(<CounterNoticeCard counterNotice={item} />);
    expect(findByTestId(waiting, 'counter-notice-no-proof')).toHaveLength(1);
    expect(findByTestId(waiting, 'counter-notice-decision')).toEqual([]);
  });
});

describe('the restore-or-retain decision', () => {
  it('starts from the restore template with the window’s dates filled in, and cannot be sent as it stands', () => {
    const html = renderHtml(<RestoreDueDialog api={createApiClient({ baseUrl: 'http://127.0.0.1:9' })} item={item} onClose={() => undefined} onDecided={() => undefined} />);
    expect([checked(html, 'restore-due-decide-restore'), checked(html, 'restore-due-decide-retain')]).toEqual([true, false]);
    const statement = findByTestId(html, 'restore-due-statement')[0];
    expect(statement?.text).toContain(formatDateTime(item.windowEndsAt, 'en'));
    expect(Number(statement?.attributes['data-unfilled'])).toBeGreaterThan(0);
    expect(findByTestId(html, 'restore-due-template')[0]?.text).toContain('Restore: window ended without proof');
    expect(findByTestId(html, 'restore-due-submit')[0]?.attributes.disabled).toBe('');
  });

  it('starts from retaining when the complainant showed an action in time', () => {
    const html = renderHtml(
      <RestoreDueDialog api={createApiClient({ baseUrl: 'http://127.0.0.1:9' })} item={{ ...item, state: 'proof_received' }} onClose={() => undefined} onDecided={() => undefined} />,
      testI18n('zh-CN'),
    );
    expect([checked(html, 'restore-due-decide-restore'), checked(html, 'restore-due-decide-retain')]).toEqual([false, true]);
    expect(findByTestId(html, 'restore-due-template')[0]?.text).toContain('维持：已在期限内采取措施');
    expect(findByTestId(html, 'restore-due-submit')[0]?.text).toBe('维持措施');
  });

  it('offers each action its own templates, named and written in both languages, each with placeholders to fill', () => {
    expect([...RESTORE_TEMPLATES.restore, ...RESTORE_TEMPLATES.retain].sort()).toEqual([...RESTORE_TEMPLATE_IDS].sort());
    for (const lng of ['en', 'zh-CN'] as const) {
      const { templates, templateNames } = resources[lng].staff.restoreDue;
      expect(Object.keys(templates).sort(), lng).toEqual([...RESTORE_TEMPLATE_IDS].sort());
      expect(Object.keys(templateNames).sort(), lng).toEqual([...RESTORE_TEMPLATE_IDS].sort());
      for (const id of RESTORE_TEMPLATE_IDS) expect(unfilledPlaceholders(templates[id]).length, `${lng} ${id}`).toBeGreaterThan(0);
    }
  });

  it('refuses to send without a statement of reasons, and says so', () => {
    for (const statement of ['', '   \n ']) {
      expect(restoreDecisionOf({ action: 'restore', template: '', statement })).toEqual({ problem: 'empty' });
      const html = form({ action: 'restore', template: '', statement });
      expect(findByTestId(html, 'restore-due-form')[0]?.attributes['data-ready']).toBe('false');
      expect(findByTestId(html, 'restore-due-submit')[0]?.attributes.disabled).toBe('');
      expect(findByTestId(html, 'restore-due-statement-state')[0]?.attributes['data-problem']).toBe('empty');
      expect(findByTestId(html, 'restore-due-statement-state')[0]?.text).toBe('Write the statement of reasons; it goes to both parties.');
    }
    expect(restoreDecisionOf({ action: 'retain', template: '', statement: 'Retained.' })).toEqual({ problem: 'too_short' });
  });

  it('refuses a template whose placeholders are still in it, naming them', () => {
    const template = resources.en.staff.restoreDue.templates.restore_not_infringing;
    const html = form({ action: 'restore', template: 'restore_not_infringing', statement: template });
    expect(findByTestId(html, 'restore-due-statement-state')[0]?.attributes['data-problem']).toBe('placeholders');
    expect(findByTestId(html, 'restore-due-statement-state')[0]?.text).toContain(`[[${unfilledPlaceholders(template)[0]}]]`);
    expect(findByTestId(html, 'restore-due-submit')[0]?.attributes.disabled).toBe('');
  });

  it('sends the action and the trimmed statement once it is written', async () => {
    expect(findByTestId(form(ready), 'restore-due-submit')[0]?.attributes.disabled).toBeUndefined();
    const { request } = restoreDecisionOf({ ...ready, statement: `  ${ready.statement}  ` });
    expect(request).toEqual({ action: 'restore', statement: ready.statement });
    signedIn.server.routes['POST /api/review/counter-notices/cn1/decision'] = () =>
      json(200, { ...item, state: 'restored', decision: { action: 'restore', statement: ready.statement, decidedAt: '2026-12-17T02:00:00.000Z' } });
    const decided = await signedIn.api.decideCounterNotice('cn1', request!);
    expect(decided.decision?.action).toBe('restore');
    const seen = signedIn.server.last();
    expect([seen.method, seen.url, seen.headers['x-csrf-token']]).toEqual(['POST', '/api/review/counter-notices/cn1/decision', 'csrf-1']);
    expect(CounterNoticeDecisionRequestSchema.parse(JSON.parse(seen.body))).toEqual({ action: 'restore', statement: ready.statement });
  });

  it('shows the server’s 422 placeholder_unfilled translated, with the placeholders it named', async () => {
    signedIn.server.routes['POST /api/review/counter-notices/cn1/decision'] = () =>
      problem(422, 'placeholder_unfilled', {
        errors: [{ path: 'statement', code: 'placeholder_unfilled', message: 'The statement still has a placeholder.', params: { placeholders: 'reason, e.g. invoices' } }],
      });
    const error = await apiRejection(signedIn.api.decideCounterNotice('cn1', { action: 'restore', statement: ready.statement }));
    expect(refusedPlaceholders(error)).toEqual(['reason, e.g. invoices']);

    const en = findByTestId(form(ready, error), 'restore-due-error')[0];
    expect(en?.attributes['data-code']).toBe('placeholder_unfilled');
    expect(en?.text).toBe(`${resources.en.errors.placeholder_unfilled}Placeholders still in the statement: reason, e.g. invoices`);
    const zh = findByTestId(form(ready, error, 'zh-CN'), 'restore-due-error')[0];
    expect(zh?.text).toBe(`${resources['zh-CN'].errors.placeholder_unfilled}理由说明中仍有占位符：reason, e.g. invoices`);
  });

  it('shows another refusal, e.g. a counter-notice decided meanwhile, as its own sentence', async () => {
    signedIn.server.routes['POST /api/review/counter-notices/cn1/decision'] = () => problem(409, 'invalid_transition');
    const error = await apiRejection(signedIn.api.decideCounterNotice('cn1', { action: 'retain', statement: ready.statement }));
    expect(refusedPlaceholders(error)).toEqual([]);
    const shown = findByTestId(form({ ...ready, action: 'retain' }, error), 'restore-due-error')[0];
    expect(shown?.text).toBe(resources.en.errors.invalid_transition);
    expect(findByTestId(form(ready, error), 'restore-due-refused-placeholders')).toEqual([]);
  });
});

describe('the restore-due call', () => {
  it('reads the list from the review routes', async () => {
    signedIn.server.routes['GET /api/review/restore-due'] = () => json(200, { items: [item] });
    const items = await signedIn.api.reviewRestoreDue();
    expect(items.map((found) => [found.id, found.canonicalUrl, found.restoreDueAt])).toEqual([['cn1', item.canonicalUrl, item.restoreDueAt]]);
    expect(signedIn.server.last().url).toBe('/api/review/restore-due');
  });
});
