import type { CaptureMark } from '@openipp/shared';
import { describe, expect, it } from 'vitest';
import { findByTestId, renderHtml, testI18n, textOf } from '../test/render';
import { CaptureFigure } from './capture-figure';

const MARKS: CaptureMark[] = [
  { kind: 'region', x: 0.1, y: 0.2, width: 0.3, height: 0.4 },
  { kind: 'text', quote: 'Official replica, same as the original' },
  { kind: 'element', selector: '#price', excerpt: '¥ 99', x: 0.5, y: 0.05, width: 0.25, height: 0.1 },
  { kind: 'element', selector: 'div.sku > span:nth-of-type(2)', excerpt: 'Brand logo bag' },
];

describe('CaptureFigure with marks made on the page', () => {
  it('draws a numbered box for each region and element with a box, where the mark is', () => {
    const html = renderHtml(<CaptureFigure captureId="c1" marks={MARKS} alt="capture" />);
    const boxes = findByTestId(html, 'mark-box');
    expect(boxes.map((box) => [box.attributes['data-kind'], box.attributes.style, box.text])).toEqual([
      ['region', 'left:10%;top:20%;width:30%;height:40%', '1'],
      ['element', 'left:50%;top:5%;width:25%;height:10%', '3'],
    ]);
    expect(boxes[0]!.attributes.title).toBe('Mark 1, made on the page at capture time');
  });

  it('lists quotes and elements under the picture, numbered as made, in the reader’s language', () => {
    const items = findByTestId(renderHtml(<CaptureFigure captureId="c1" marks={MARKS} alt="capture" />), 'mark-item');
    expect(items.map((item) => [item.attributes['data-kind'], item.text])).toEqual([
      ['text', '2 Official replica, same as the original'],
      ['element', '3 Element: ¥ 99 Selector: #price'],
      ['element', '4 Element: Brand logo bag Selector: div.sku > span:nth-of-type(2)'],
    ]);
    const zh = renderHtml(<CaptureFigure captureId="c1" marks={MARKS} alt="capture" />, testI18n('zh-CN'));
    expect(textOf(zh)).toContain('截图时在页面上所做的标记');
    expect(textOf(zh)).toContain('元素：¥ 99');
  });

  it('draws the listing’s own region beside the marks, and leaves thumbnails without the list', () => {
    const html = renderHtml(
      <CaptureFigure captureId="c1" size="thumb" marks={MARKS} location={{ kind: 'region', x: 0, y: 0, width: 0.5, height: 0.5 }} alt="capture" />,
    );
    expect(findByTestId(html, 'mark-box')).toHaveLength(2);
    expect(findByTestId(html, 'region-box')).toHaveLength(1);
    expect(findByTestId(html, 'mark-list')).toHaveLength(0);
  });

  it('shows just the picture when there are no marks', () => {
    const html = renderHtml(<CaptureFigure captureId="c1" alt="capture" />);
    expect(findByTestId(html, 'mark-box')).toHaveLength(0);
    expect(findByTestId(html, 'mark-list')).toHaveLength(0);
  });
});
