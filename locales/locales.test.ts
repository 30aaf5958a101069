import { describe, expect, it } from 'vitest';
import { ERROR_CODES, QUALIFICATION_CODES } from '@openipp/shared';
import { NAMESPACES, resources } from './index';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('locales', () => {
  it.each(NAMESPACES)('namespace %s has the same keys in zh-CN and en', (ns) => {
    expect(keys(resources['zh-CN'][ns]).sort()).toEqual(keys(resources.en[ns]).sort());
  });

  it.each(NAMESPACES)('namespace %s uses the same placeholders in both languages', (ns) => {
    const zh = resources['zh-CN'][ns] as Record<string, unknown>;
    const en = resources.en[ns] as Record<string, unknown>;
    for (const key of keys(en)) {
      const get = (obj: Record<string, unknown>) =>
        key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], obj);
      const enText = get(en);
      const zhText = get(zh);
      if (typeof enText === 'string' && typeof zhText === 'string') {
        expect(placeholders(zhText), `${ns}:${key}`).toEqual(placeholders(enText));
      }
    }
  });

  it('every error code has a translation in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(resources.en.errors, code).toHaveProperty(code);
      expect(resources['zh-CN'].errors, code).toHaveProperty(code);
    }
  });

  it('every qualification problem code has a text in both languages', () => {
    for (const code of QUALIFICATION_CODES) {
      expect(resources.en.qualification, code).toHaveProperty(code);
      expect(resources['zh-CN'].qualification, code).toHaveProperty(code);
    }
  });
});
