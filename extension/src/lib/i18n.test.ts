import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resources } from '@openipp/locales';
import { COMPLAINT_STATES, QUALIFICATION_CODES, REASON_CODES, RIGHT_STATUSES, RIGHT_TYPES } from '@openipp/shared';
import { CAPTURE_ERROR_CODES } from './capture';
import { createI18n, resolveLocale, translateError } from './i18n';
import { QUEUE_STATUSES } from './queue';

function chromeMessages(dir: string): Record<string, { message: string }> {
  return JSON.parse(readFileSync(new URL(`../../public/_locales/${dir}/messages.json`, import.meta.url), 'utf8'));
}

describe('extension i18n', () => {
  it('follows the browser language unless the user chose one', () => {
    expect(resolveLocale(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(resolveLocale(null, ['zh-TW'])).toBe('zh-CN');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
  });

  it("keeps Chrome's _locales name and description equal to locales/*/extension.json", () => {
    for (const [dir, lang] of [['en', 'en'], ['zh_CN', 'zh-CN']] as const) {
      const messages = chromeMessages(dir);
      expect(messages.extName?.message).toBe(resources[lang].extension.extName);
      expect(messages.extDescription?.message).toBe(resources[lang].extension.extDescription);
    }
  });

  it('has a status text for every queue status and a text for every capture refusal', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const status of QUEUE_STATUSES) expect(resources[lang].extension.status).toHaveProperty(status);
      for (const code of CAPTURE_ERROR_CODES) expect(resources[lang].extension.errors).toHaveProperty(code);
    }
  });

  it('names every right type, right status, reason and complaint state, and words every qualification problem', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const texts = resources[lang].extension;
      for (const type of RIGHT_TYPES) expect(texts.rightTypes).toHaveProperty(type);
      for (const status of RIGHT_STATUSES) expect(texts.rightStatuses).toHaveProperty(status);
      for (const reason of REASON_CODES) expect(texts.reasons).toHaveProperty(reason);
      for (const state of COMPLAINT_STATES) expect(texts.complaintStates).toHaveProperty(state);
      for (const code of QUALIFICATION_CODES) expect(resources[lang].qualification).toHaveProperty(code);
    }
  });

  it('shows pending entries as "Waiting to sync" / "等待同步"', async () => {
    expect((await createI18n('en')).t('status.pending')).toBe('Waiting to sync');
    expect((await createI18n('zh-CN')).t('status.pending')).toBe('等待同步');
  });

  it('says held uploads wait for the agreement, in both languages', async () => {
    expect((await createI18n('en')).t('status.agreement_required')).toBe('Waiting for you to accept the agreement');
    expect((await createI18n('zh-CN')).t('status.agreement_required')).toBe('等待您接受用户协议');
  });

  it('translates extension codes, server codes and unknown codes', async () => {
    const i18n = await createI18n('zh-CN');
    const tr = (code: string) => translateError(i18n.t, (key) => i18n.exists(key), code);
    expect(tr('unsupported_page')).toBe('只能截取 http(s) 网页。');
    expect(tr('invalid_credentials')).toBe('邮箱地址或密码错误。');
    expect(tr('network_error')).toBe('无法连接服务器。');
    expect(tr('brand_new_code')).toBe('意外错误（brand_new_code）。');
  });
});
