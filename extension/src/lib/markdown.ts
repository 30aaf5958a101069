/**
 * The small Markdown subset agreement texts use: headings, paragraphs, lists
 * and bold. It produces a plain data tree that React renders as elements, so
 * nothing in the text is ever interpreted as HTML: a `<script>` in an agreement
 * shows as those characters, never as markup.
 */

export type Inline = { kind: 'text'; text: string } | { kind: 'strong'; text: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] };

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>[ \t]?/;

/** CJK text has no spaces between words, so a soft line break joins without one. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

function joinLines(a: string, b: string): string {
  if (!a) return b;
  const last = a.at(-1) ?? '';
  const first = b[0] ?? '';
  return CJK.test(last) && CJK.test(first) ? a + b : `${a} ${b}`;
}

// Backslash-escaped punctuation stands for itself; a private-use stand-in keeps it out of the bold rule.
const ESCAPABLE = '\\`*_{}[]()#+-.!>|';
const escapeOf = (char: string) => String.fromCharCode(0xe000 + ESCAPABLE.indexOf(char));
const unescape = (text: string) =>
  text.replace(/[\ue000-\ue0ff]/g, (c) => ESCAPABLE[c.charCodeAt(0) - 0xe000] ?? c);

export function parseInline(source: string): Inline[] {
  const text = source
    .replace(/\\([\\`*_{}[\]()#+\-.!>|])/g, (_, char: string) => escapeOf(char))
    // Links show their text and address, but are not clickable inside the gate.
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/`([^`]+)`/g, '$1');
  const out: Inline[] = [];
  const bold = /\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__/g;
  let at = 0;
  for (const match of text.matchAll(bold)) {
    if (match.index > at) out.push({ kind: 'text', text: unescape(text.slice(at, match.index)) });
    out.push({ kind: 'strong', text: unescape(match[1] ?? match[2] ?? '') });
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: unescape(text.slice(at)) });
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string | undefined;
  let list: { ordered: boolean; start: number; items: string[] } | undefined;

  const flush = () => {
    if (paragraph !== undefined) blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, start: list.start, items: list.items.map(parseInline) });
    paragraph = undefined;
    list = undefined;
  };

  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(QUOTE, '');
    if (line.trim() === '' || RULE.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: 'heading', level, inlines: parseInline(heading[2] ?? '') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (paragraph !== undefined || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      list.items.push((bullet ? bullet[1] : numbered?.[2]) ?? '');
      continue;
    }
    const text = line.trim();
    if (list && /^[ \t]/.test(rawLine)) {
      // An indented line continues the last list item.
      list.items[list.items.length - 1] = joinLines(list.items.at(-1) ?? '', text);
      continue;
    }
    if (list) flush();
    paragraph = paragraph === undefined ? text : joinLines(paragraph, text);
  }
  flush();
  return blocks;
}
