import { describe, expect, it } from 'vitest';
import { DECISION_TEMPLATE_IDS, DEFICIENCY_CODES, DUE_DATE_ADJUSTMENT_CODES, QUALIFICATION_CODES, unfilledPlaceholders } from '@openipp/shared';
import { resources } from './index';

const LANGUAGES = ['en', 'zh-CN'] as const;

describe('the review namespace', () => {
  it.each(LANGUAGES)('has a statement template for every template id, each with placeholders to fill (%s)', (lng) => {
    const { templates, templateNames } = resources[lng].review;
    expect(Object.keys(templates).sort()).toEqual([...DECISION_TEMPLATE_IDS].sort());
    expect(Object.keys(templateNames).sort()).toEqual([...DECISION_TEMPLATE_IDS].sort());
    for (const id of DECISION_TEMPLATE_IDS) {
      // A template sent as it stands would be refused (422 placeholder_unfilled): that is the point of it.
      expect(unfilledPlaceholders(templates[id]).length, `${lng} ${id}`).toBeGreaterThan(0);
      expect(unfilledPlaceholders(templates[id]), `${lng} ${id}`).not.toContain('');
    }
  });

  it.each(LANGUAGES)('names every deficiency, every qualification element and every due-date adjustment (%s)', (lng) => {
    const { deficiencies, elements, dueDate } = resources[lng].review;
    expect(Object.keys(deficiencies).sort()).toEqual([...DEFICIENCY_CODES].sort());
    expect(Object.keys(elements).sort()).toEqual([...QUALIFICATION_CODES].sort());
    expect(Object.keys(dueDate.adjustments).sort()).toEqual([...DUE_DATE_ADJUSTMENT_CODES].sort());
  });

  it('fills each adjustment text with the params the due-date engine gives it', () => {
    const params: Record<(typeof DUE_DATE_ADJUSTMENT_CODES)[number], string[]> = {
      batch_size: ['listings'],
      materials_unlocated: ['listings', 'unlocated'],
      history_good: ['decided', 'upheldPercent'],
      history_poor: ['decided', 'upheldPercent'],
      enhanced_review: [],
    };
    for (const lng of LANGUAGES) {
      for (const code of DUE_DATE_ADJUSTMENT_CODES) {
        const text: string = resources[lng].review.dueDate.adjustments[code];
        const used = [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]);
        expect(used.every((name) => name !== undefined && params[code].includes(name)), `${lng} ${code}`).toBe(true);
      }
    }
  });
});
