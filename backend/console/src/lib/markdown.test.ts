import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../components/markdown';
import { parseInline, parseMarkdown } from './markdown';

const html = (source: string): string => renderToStaticMarkup(createElement(Markdown, { source }));

describe('parseMarkdown', () => {
  it('reads headings of every level and strips closing hashes', () => {
    expect(parseMarkdown('# Title\n### Part 3 ###\n###### six')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Title' }] },
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'Part 3' }] },
      { type: 'heading', level: 6, children: [{ type: 'text', text: 'six' }] },
    ]);
    // Seven hashes, or none followed by a space, is prose.
    expect(parseMarkdown('####### no')[0]?.type).toBe('paragraph');
    expect(parseMarkdown('#hashtag')[0]?.type).toBe('paragraph');
  });

  it('joins soft-wrapped lines: with a space in English, with nothing between Chinese characters', () => {
    expect(parseMarkdown('one\ntwo\n\nthree')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'one two' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'three' }] },
    ]);
    expect(parseMarkdown('中文版本\n为准。\nOpenIPP')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '中文版本为准。 OpenIPP' }] },
    ]);
  });

  it('reads ordered and unordered lists, keeps the start number and nests by indentation', () => {
    const blocks = parseMarkdown('3. third\n4. fourth\n   - a\n   - b\n\n- x\n- y');
    expect(blocks).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [
          [{ type: 'paragraph', children: [{ type: 'text', text: 'third' }] }],
          [
            { type: 'paragraph', children: [{ type: 'text', text: 'fourth' }] },
            {
              type: 'list',
              ordered: false,
              start: 1,
              items: [
                [{ type: 'paragraph', children: [{ type: 'text', text: 'a' }] }],
                [{ type: 'paragraph', children: [{ type: 'text', text: 'b' }] }],
              ],
            },
          ],
        ],
      },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }],
          [{ type: 'paragraph', children: [{ type: 'text', text: 'y' }] }],
        ],
      },
    ]);
  });

  it('lets a list interrupt a paragraph and a lazy line continue an item', () => {
    expect(parseMarkdown('Intro:\n- one\ncontinued\n- two').map((block) => block.type)).toEqual(['paragraph', 'list']);
    const list = parseMarkdown('- one\ncontinued')[0];
    expect(list).toMatchObject({ type: 'list', items: [[{ type: 'paragraph', children: [{ type: 'text', text: 'one continued' }] }]] });
    // A year at the start of a wrapped line is not a list.
    expect(parseMarkdown('Since\n2024. the rule applies')).toHaveLength(1);
  });

  it('reads block quotes and rules', () => {
    expect(parseMarkdown('> quoted\n> more\n\n---\n\n***')).toEqual([
      { type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'quoted more' }] }] },
      { type: 'rule' },
      { type: 'rule' },
    ]);
  });

  it('accepts CRLF line endings and tabs', () => {
    expect(parseMarkdown('# A\r\n\r\n-\tb\r\n')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'A' }] },
      { type: 'list', ordered: false, start: 1, items: [[{ type: 'paragraph', children: [{ type: 'text', text: 'b' }] }]] },
    ]);
  });
});

describe('parseInline', () => {
  it('reads **bold** and __bold__, and leaves unmatched or spaced markers literal', () => {
    expect(parseInline('a **b** c __d__')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' c ' },
      { type: 'strong', children: [{ type: 'text', text: 'd' }] },
    ]);
    expect(parseInline('5 ** 2 and ** alone')).toEqual([{ type: 'text', text: '5 ** 2 and ** alone' }]);
    expect(parseInline('\\*\\*not bold\\*\\*')).toEqual([{ type: 'text', text: '**not bold**' }]);
  });
});

describe('<Markdown>', () => {
  it('renders the supported elements', () => {
    expect(html('# 用户协议\n\nThe **Chinese** text prevails.\n\n1. one\n2. two\n\n- x')).toBe(
      '<h1>用户协议</h1><p>The <strong>Chinese</strong> text prevails.</p><ol><li><p>one</p></li><li><p>two</p></li></ol><ul><li><p>x</p></li></ul>',
    );
    expect(html('5. five')).toBe('<ol start="5"><li><p>five</p></li></ol>');
  });

  it('shows raw HTML and scripts as text, never as markup', () => {
    const out = html('<script>alert(1)</script>\n\n# <img src=x onerror=alert(1)>\n\n**<b>bold</b>**\n\n- <a href="javascript:alert(1)">x</a>');
    expect(out).not.toMatch(/<script|<img|<b>|<a /i);
    expect(out).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(out).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(out).toContain('<strong>&lt;b&gt;bold&lt;/b&gt;</strong>');
    expect(out).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;');
  });

  it('renders links as their literal text, so no URL becomes clickable', () => {
    expect(html('[click](javascript:alert(1))')).toBe('<p>[click](javascript:alert(1))</p>');
  });
});
