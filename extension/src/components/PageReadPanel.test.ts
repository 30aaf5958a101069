import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { TEST_USER } from '@/test/backend-double';
import { byTestId, renderMarkup } from '@/test/render';
import { PageReadSummary } from './PageReadPanel';

const READ = { title: 'DemoBrand Classic Tote Bag', price: { amount: '159.00', currency: 'CNY' }, shopName: null, shopId: '57300001', seller: null };
const text = (markup: string, id: string) => byTestId(markup, id)[0]?.text;

describe('what was read from the page, in the popup', () => {
  it('shows each field, names the ones not found, and offers Edit, in both languages', async () => {
    const en = await renderMarkup(createElement(PageReadSummary, { shown: READ, stored: undefined, onEdit: () => undefined }));
    expect(text(en, 'page-read-title')).toBe('DemoBrand Classic Tote Bag');
    expect(text(en, 'page-read-price')).toBe('159.00 CNY');
    expect(text(en, 'page-read-shopId')).toBe('57300001');
    expect(text(en, 'page-read-shopName')).toBe('Not found');
    expect(text(en, 'page-read-edit')).toBe('Edit');
    const zh = await renderMarkup(createElement(PageReadSummary, { shown: READ, stored: undefined, onEdit: () => undefined }), 'zh-CN');
    expect(text(zh, 'page-read-seller')).toBe('未读取到');
    expect(text(zh, 'page-read-edit')).toBe('编辑');
  });

  it('says whether a correction is saved with the capture or waits for its receipt', async () => {
    const correction = { ...READ, seller: 'Demo Trading Co.' };
    const waiting = await renderMarkup(createElement(PageReadSummary, { shown: correction, stored: { correction, ownerId: TEST_USER.id, sent: false }, onEdit: () => undefined }));
    expect(text(waiting, 'page-read-seller')).toBe('Demo Trading Co.');
    expect(waiting).toContain('will be sent once the capture is receipted');
    const sent = await renderMarkup(createElement(PageReadSummary, { shown: correction, stored: { correction, ownerId: TEST_USER.id, sent: true }, onEdit: () => undefined }), 'en');
    expect(sent).toContain('saved with the capture');
  });
});
