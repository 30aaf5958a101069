import { resources } from '@openipp/locales';
import { DECISION_TEMPLATE_IDS, DecisionRequestSchema, unfilledPlaceholders } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { decisionOf, defaultTemplate, nextPlaceholder, statementProblem, TEMPLATES_BY_OUTCOME, type ListingDraft } from './statement';

const listings = [
  { id: 'l2', position: 2 },
  { id: 'l1', position: 1 },
  { id: 'l3', position: 3 },
];
const filled = 'The listing sells shoes bearing our registered word mark DemoBrand without consent.';

describe('statements of reasons', () => {
  it.each(['en', 'zh-CN'] as const)('refuses every template as it stands (%s): each has placeholders to replace', (lng) => {
    for (const id of DECISION_TEMPLATE_IDS) expect(statementProblem(resources[lng].review.templates[id]), id).toBe('placeholders');
  });

  it('accepts a statement once every placeholder is replaced, and only then', () => {
    const template = resources.en.review.templates.upheld_counterfeit;
    let text = template;
    for (const name of unfilledPlaceholders(template)) {
      expect(statementProblem(text)).toBe('placeholders');
      text = text.replace(`[[${name}]]`, 'DemoBrand');
    }
    expect(statementProblem(text)).toBeNull();
    expect(statementProblem('   ')).toBe('empty');
    expect(statementProblem('Too short')).toBe('too_short');
    expect(statementProblem('x'.repeat(4_001))).toBe('too_long');
  });

  it('finds the next placeholder from the cursor, wrapping round to the first', () => {
    const text = 'The mark [[mark]] on [[goods]].';
    expect(nextPlaceholder(text, 0)).toEqual({ start: 9, end: 17 });
    expect(nextPlaceholder(text, 10)).toEqual({ start: 21, end: 30 });
    expect(text.slice(21, 30)).toBe('[[goods]]');
    expect(nextPlaceholder(text, 31)).toEqual({ start: 9, end: 17 });
    expect(nextPlaceholder('All filled in.', 0)).toBeUndefined();
  });

  it('offers upholding templates for an upheld listing and rejecting ones for a rejected one, starting from the reason', () => {
    expect([...TEMPLATES_BY_OUTCOME.upheld, ...TEMPLATES_BY_OUTCOME.rejected].sort()).toEqual([...DECISION_TEMPLATE_IDS].sort());
    expect(defaultTemplate('upheld', 'trademark_misuse')).toBe('upheld_mark_use');
    expect(defaultTemplate('upheld', 'design_copied')).toBe('upheld_patent');
    expect(defaultTemplate('rejected', 'counterfeit')).toBe('rejected_not_infringing');
  });
});

describe('a decision', () => {
  it('is blocked while a listing has no outcome or a statement keeps a placeholder, naming each', () => {
    const drafts = new Map<string, ListingDraft>([
      ['l1', { outcome: 'upheld', template: 'upheld_counterfeit', statement: 'The listing shows [[mark]] on the bag, clearly.' }],
      ['l3', { outcome: 'rejected', template: '', statement: 'short' }],
    ]);
    const result = decisionOf(listings, drafts);
    expect(result.request).toBeUndefined();
    expect(result.blockers).toEqual({
      undecided: [2],
      statements: [
        { position: 1, problem: 'placeholders', placeholders: ['mark'] },
        { position: 3, problem: 'too_short', placeholders: [] },
      ],
    });
  });

  it('is the request the server takes once nothing blocks it: every listing once, in order, statements trimmed', () => {
    const drafts = new Map<string, ListingDraft>([
      ['l1', { outcome: 'upheld', template: '', statement: `  ${filled}  ` }],
      ['l2', { outcome: 'rejected', template: 'rejected_duplicate', statement: 'Already decided in complaint cp-0001, which stands.' }],
      ['l3', { outcome: 'upheld', template: '', statement: filled }],
    ]);
    const { request } = decisionOf(listings, drafts);
    expect(request?.listings.map((listing) => [listing.listingId, listing.outcome])).toEqual([
      ['l1', 'upheld'],
      ['l2', 'rejected'],
      ['l3', 'upheld'],
    ]);
    expect(request?.listings[0]?.statement).toBe(filled);
    expect(DecisionRequestSchema.safeParse(request).success).toBe(true);
  });

  it('has nothing to send for a complaint without listings', () => {
    expect(decisionOf([], new Map()).request).toBeUndefined();
  });
});
