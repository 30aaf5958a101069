import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/components/Markdown';
import { parseInline, parseMarkdown } from './markdown';

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('agreement Markdown', () => {
  it('parses headings, paragraphs, both kinds of list and bold', () => {
    const source = [
      '# 用户协议',
      '',
      '第一段第一行',
      '第二行 with **bold** text.',
      '',
      '## 1. Accounts',
      '- one',
      '- **two**',
      '  continued',
      '',
      '3. third',
      '4) fourth',
    ].join('\r\n');
    expect(parseMarkdown(source)).toEqual([
      { kind: 'heading', level: 1, inlines: [{ kind: 'text', text: '用户协议' }] },
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: '第一段第一行第二行 with ' },
          { kind: 'strong', text: 'bold' },
          { kind: 'text', text: ' text.' },
        ],
      },
      { kind: 'heading', level: 2, inlines: [{ kind: 'text', text: '1. Accounts' }] },
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [[{ kind: 'text', text: 'one' }], [{ kind: 'strong', text: 'two' }, { kind: 'text', text: ' continued' }]],
      },
      { kind: 'list', ordered: true, start: 3, items: [[{ kind: 'text', text: 'third' }], [{ kind: 'text', text: 'fourth' }]] },
    ]);
  });

  it('renders elements, with agreement headings below the popup headings', () => {
    expect(render('# Title\n\nSome **bold** words.\n\n1. a\n2. b')).toBe(
      '<h3>Title</h3><p>Some <strong>bold</strong> words.</p><ol start="1"><li>a</li><li>b</li></ol>',
    );
  });

  it('shows raw HTML and script as text, never as markup', () => {
    const html = render(
      '<script>alert(1)</script>\n\n# <img src=x onerror=alert(1)>\n\n- <a href="javascript:alert(1)">x</a>\n\n**<b>bold</b>**',
    );
    expect(html).not.toMatch(/<script|<img|<a |<b>/);
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' +
        '<h3>&lt;img src=x onerror=alert(1)&gt;</h3>' +
        '<ul><li>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</li></ul>' +
        '<p><strong>&lt;b&gt;bold&lt;/b&gt;</strong></p>',
    );
  });

  it('makes links plain text and honours backslash escapes', () => {
    expect(parseInline('see [the site](https://openipp.example) and \\*\\*not bold\\*\\*')).toEqual([
      { kind: 'text', text: 'see the site (https://openipp.example) and **not bold**' },
    ]);
    expect(render('[x](javascript:alert(1))')).not.toContain('href');
  });
});
