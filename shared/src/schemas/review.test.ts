import { describe, expect, it } from 'vitest';
import { QUALIFICATION_CODES } from './complaint';
import { DEFICIENCY_CODES, DEFICIENCY_ELEMENTS, DecisionRequestSchema, abuseScore, riskLevel, unfilledPlaceholders } from './review';

describe('decision statements', () => {
  it('finds every placeholder still in a statement', () => {
    expect(unfilledPlaceholders('The listing shows [[mark]] on [[ where ]].')).toEqual(['mark', 'where']);
    expect(unfilledPlaceholders('[[]] left')).toEqual(['']);
    expect(unfilledPlaceholders('The listing shows our mark DemoBrand on the bag.')).toEqual([]);
    // Single brackets are ordinary text.
    expect(unfilledPlaceholders('See [1] and [a]]')).toEqual([]);
  });

  it('needs a statement of reasons for each listing', () => {
    expect(DecisionRequestSchema.safeParse({ listings: [{ listingId: 'l1', outcome: 'upheld', statement: 'short' }] }).success).toBe(false);
    expect(DecisionRequestSchema.safeParse({ listings: [] }).success).toBe(false);
    expect(
      DecisionRequestSchema.safeParse({ listings: [{ listingId: 'l1', outcome: 'upheld', statement: 'The listing sells goods bearing the mark.' }] }).success,
    ).toBe(true);
  });
});

describe('deficiency codes', () => {
  it('tie every qualification element to exactly one deficiency', () => {
    const tied = DEFICIENCY_CODES.flatMap((code) => DEFICIENCY_ELEMENTS[code]);
    expect([...tied].sort()).toEqual([...QUALIFICATION_CODES].filter((code) => !['listings_missing', 'listings_too_many', 'good_faith_missing', 'accuracy_missing'].includes(code)).sort());
    expect(new Set(tied).size).toBe(tied.length);
  });
});

describe('complainant risk', () => {
  it('weighs malicious marks above wrongful ones and scales the record by volume', () => {
    expect(abuseScore({ wrongful: 0, malicious: 0, rejected: 0, reversed: 0, decided: 0 })).toBe(0);
    expect(abuseScore({ wrongful: 1, malicious: 1, rejected: 0, reversed: 0, decided: 0 })).toBe(4);
    // 5 rejected of 10 decided: 5; of 100 decided: 0.5.
    expect(abuseScore({ wrongful: 0, malicious: 0, rejected: 5, reversed: 0, decided: 10 })).toBe(5);
    expect(abuseScore({ wrongful: 0, malicious: 0, rejected: 5, reversed: 0, decided: 100 })).toBe(0.5);
    expect(abuseScore({ wrongful: 0, malicious: 0, rejected: 0, reversed: 1, decided: 10 })).toBe(2);
  });

  it('is high under any sanction, else by score', () => {
    expect(riskLevel(0, 'enhanced_review')).toBe('high');
    expect(riskLevel(6, null)).toBe('high');
    expect(riskLevel(2, null)).toBe('medium');
    expect(riskLevel(1.9, null)).toBe('low');
  });
});
