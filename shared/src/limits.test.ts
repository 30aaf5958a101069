import { describe, expect, it } from 'vitest';
import { pickLocale } from './limits';
import { ERROR_CODES, ERROR_STATUS, isErrorCode } from './errors';

describe('pickLocale', () => {
  it('maps any Chinese tag to zh-CN and any English tag to en, first match wins', () => {
    expect(pickLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale('EN')).toBe('en');
    expect(pickLocale(['fr-FR', 'en-US'])).toBe('en');
  });

  it('falls back to Chinese, the prevailing language', () => {
    expect(pickLocale(['fr-FR'])).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
  });
});

describe('error codes', () => {
  it('are snake_case and map to error statuses', () => {
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
      expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code]).toBeLessThan(600);
    }
  });

  it('isErrorCode accepts only the closed list', () => {
    expect(isErrorCode('not_found')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
