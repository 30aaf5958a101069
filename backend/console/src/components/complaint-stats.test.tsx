import type { ComplainantStats } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { findByTestId, renderHtml, testI18n } from '../test/render';
import { StatsPanel } from './complaint-stats';

const stats: ComplainantStats = {
  complaints: { submitted: 12, open: 5, decided: 6, withdrawn: 1 },
  listings: { upheld: 1234, rejected: 7, pending: 40, reversed: 2 },
  medianHoursToDecision: 36.46,
};

function tiles(html: string): Record<string, { value: string | undefined; text: string }> {
  const result: Record<string, { value: string | undefined; text: string }> = {};
  for (const tile of ['submitted', 'open', 'decided', 'withdrawn', 'upheld', 'rejected', 'pending', 'reversed', 'median-hours']) {
    const [found, ...more] = findByTestId(html, `stat-${tile}`);
    expect(more, tile).toEqual([]);
    if (found) result[tile] = { value: found.attributes['data-value'], text: found.text };
  }
  return result;
}

describe('the statistics panel', () => {
  it('shows each complaint and listing count and the median time, under its own label', () => {
    const shown = tiles(renderHtml(<StatsPanel stats={stats} />, testI18n('en')));
    expect(shown).toEqual({
      submitted: { value: '12', text: '12Submitted' },
      open: { value: '5', text: '5Open' },
      decided: { value: '6', text: '6Decided' },
      withdrawn: { value: '1', text: '1Withdrawn' },
      upheld: { value: '1234', text: '1,234Upheld' },
      rejected: { value: '7', text: '7Rejected' },
      pending: { value: '40', text: '40Pending' },
      reversed: { value: '2', text: '2Reversed after a counter-notice' },
      'median-hours': { value: '36.46', text: '36.5 hMedian, from submission to decision' },
    });
  });

  it('shows a dash, not zero hours, when nothing has been decided yet', () => {
    const none: ComplainantStats = {
      complaints: { submitted: 0, open: 0, decided: 0, withdrawn: 0 },
      listings: { upheld: 0, rejected: 0, pending: 0, reversed: 0 },
      medianHoursToDecision: null,
    };
    const shown = tiles(renderHtml(<StatsPanel stats={none} />));
    expect(shown['median-hours']).toEqual({ value: '', text: '—Median, from submission to decision' });
    expect(shown.submitted).toEqual({ value: '0', text: '0Submitted' });
  });

  it('speaks the user’s language', () => {
    const shown = tiles(renderHtml(<StatsPanel stats={stats} />, testI18n('zh-CN')));
    expect(shown['median-hours']?.text).toBe('36.5 小时从提交到处理决定的中位时长');
    expect(shown.reversed?.text).toBe('2因反通知被撤销');
  });
});
