import { resources } from '@openipp/locales';
import { describe, expect, it } from 'vitest';
import { decisionOf, TEMPLATES_BY_OUTCOME, type ListingDraft } from '../lib/statement';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { DecisionFooter } from './decision-footer';
import { StatementEditor } from './statement-editor';

const template = resources.en.review.templates.rejected_duplicate;
const done = 'This listing is already the subject of complaint cp-0001, which is decided.';

function editor(statement: string, lng: 'en' | 'zh-CN' = 'en') {
  return renderHtml(
    <StatementEditor templates={TEMPLATES_BY_OUTCOME.rejected} template="rejected_duplicate" statement={statement} listingId="l1" onChange={() => undefined} />,
    testI18n(lng),
  );
}

function footer(drafts: Map<string, ListingDraft>) {
  const { blockers, request } = decisionOf([{ id: 'l1', position: 1 }], drafts);
  return renderHtml(
    <DecisionFooter blockers={blockers} ready={request !== undefined} sending={false} failure={undefined} failureCode={undefined} onSend={() => undefined} onSendNext={() => undefined} />,
  );
}

describe('the statement editor', () => {
  it('lists the placeholders still in the statement, and says when none is left', () => {
    const open = findByTestId(editor(template), 'statement-state')[0];
    expect(open?.attributes['data-problem']).toBe('placeholders');
    expect(open?.text).toContain('2 placeholders to replace: [[earlier complaint]][[decided or still under review]]');
    expect(findByTestId(editor(template), 'statement')[0]?.attributes['data-unfilled']).toBe('2');

    const ready = findByTestId(editor(done), 'statement-state')[0];
    expect([ready?.attributes['data-problem'], ready?.text]).toEqual(['', 'Ready to send.']);
  });

  it('offers the templates by name in the reviewer’s language', () => {
    const picker = findByTestId(editor(template, 'zh-CN'), 'template-picker')[0];
    expect(picker?.attributes['data-listing-id']).toBe('l1');
    expect(picker?.text).toContain('不成立：重复投诉');
  });
});

describe('the decision footer', () => {
  it('keeps both send buttons disabled while a statement holds a placeholder, and says which', () => {
    const html = footer(new Map([['l1', { outcome: 'rejected', template: 'rejected_duplicate', statement: template }]]));
    expect(findByTestId(html, 'decision-footer')[0]?.attributes['data-ready']).toBe('false');
    expect(findByTestId(html, 'decision-send')[0]?.attributes.disabled).toBe('');
    expect(findByTestId(html, 'decision-submit-next')[0]?.attributes.disabled).toBe('');
    expect(findByTestId(html, 'decision-unfilled')[0]?.text).toBe('Listing 1: replace [[earlier complaint]] [[decided or still under review]] with the facts of the case.');
  });

  it('enables them once the placeholders are replaced', () => {
    const html = footer(new Map([['l1', { outcome: 'rejected', template: 'rejected_duplicate', statement: done }]]));
    expect(findByTestId(html, 'decision-footer')[0]?.attributes['data-ready']).toBe('true');
    expect(findByTestId(html, 'decision-send')[0]?.attributes.disabled).toBeUndefined();
    expect(findByTestId(html, 'decision-blockers')).toEqual([]);
  });

  it('names the listings still without an outcome', () => {
    const html = footer(new Map());
    expect(findByTestId(html, 'decision-undecided')[0]?.text).toBe('1 listing has no outcome yet: 1.');
  });
});
