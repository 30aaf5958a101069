import { describe, expect, it } from 'vitest';
import { entityKey, normalizeRegistrationNumber } from './entity-key';

describe('normalizeRegistrationNumber', () => {
  it('folds full-width digits and letters', () => {
    expect(normalizeRegistrationNumber('９１３１００００ＭＡ１ＦＬ５Ｘ３Ｑ')).toBe('91310000MA1FL5X3Q');
  });
  it('removes every kind of whitespace, including the ideographic space', () => {
    expect(normalizeRegistrationNumber(' 9131\u30000000 MA1\tFL5\nX3Q ')).toBe('91310000MA1FL5X3Q');
  });
  it('folds case', () => {
    expect(normalizeRegistrationNumber('gb-12345abc')).toBe('GB-12345ABC');
  });
});

describe('entityKey', () => {
  it('makes the same key for the same entity however it is typed', () => {
    const a = entityKey({ country: 'cn', entityKind: 'company', registrationNumber: '９１３１ ００００ ｍａ１' });
    const b = entityKey({ country: 'CN ', entityKind: 'company', registrationNumber: '91310000MA1' });
    expect(a).toBe(b);
    expect(a).toBe('CN:company:91310000MA1');
  });
  it('keeps country and kind apart', () => {
    const base = { country: 'CN', entityKind: 'company' as const, registrationNumber: '123' };
    expect(entityKey(base)).not.toBe(entityKey({ ...base, country: 'HK' }));
    expect(entityKey(base)).not.toBe(entityKey({ ...base, entityKind: 'person' }));
  });
  it('does not fold characters that make a different number', () => {
    expect(entityKey({ country: 'CN', entityKind: 'person', registrationNumber: '1234-5' })).not.toBe(
      entityKey({ country: 'CN', entityKind: 'person', registrationNumber: '12345' }),
    );
  });
});
