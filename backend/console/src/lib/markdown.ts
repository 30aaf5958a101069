/**
 * A small Markdown subset for agreement texts: headings, paragraphs, ordered and
 * unordered (nested) lists, block quotes, rules and **bold**. It produces a tree
 * of plain strings, never HTML: raw HTML in the source stays literal text, and
 * React escapes it when rendering. That is why the agreement, which admins type
 * in, can be shown without an HTML sanitiser.
 */

export type Inline = { type: 'text'; text: string } | { type: 'strong'; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])([ \t]+(.*))?$/;

interface ListMarker {
  indent: number;
  ordered: boolean;
  /** The delimiter, so `-` and `*` lists (or `1.` and `1)`) stay apart, as in CommonMark. */
  delimiter: string;
  start: number;
  /** Column where the item's own text starts; continuation lines are indented at least this far. */
  contentIndent: number;
  text: string;
}

const expandTabs = (line: string): string => line.replace(/\t/g, '    ');
const isBlank = (line: string): boolean => line.trim() === '';
const indentOf = (line: string): number => line.length - line.trimStart().length;

function listMarker(line: string): ListMarker | undefined {
  const match = LIST_ITEM.exec(line);
  if (!match) return undefined;
  const indent = match[1]?.length ?? 0;
  const marker = match[2] ?? '';
  const text = match[4] ?? '';
  const ordered = /\d/.test(marker);
  const spacing = match[3] === undefined ? 1 : (match[3].length - text.length || 1);
  return {
    indent,
    ordered,
    delimiter: ordered ? marker.slice(-1) : marker,
    start: ordered ? Number.parseInt(marker, 10) : 1,
    contentIndent: indent + marker.length + Math.min(spacing, 4),
    text,
  };
}

/** True when the line begins a block that interrupts a paragraph. */
function startsBlock(line: string): boolean {
  if (HEADING.test(line) || RULE.test(line) || QUOTE.test(line)) return true;
  const marker = listMarker(line);
  // An ordered item interrupts a paragraph only from 1, so "2024. was a year" stays prose.
  return marker !== undefined && marker.indent < 4 && marker.text !== '' && (!marker.ordered || marker.start === 1);
}

function isCjk(char: string | undefined): boolean {
  return char !== undefined && /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(char);
}

/** Soft line breaks become a space, except between two CJK characters, where a space would be wrong. */
function joinLines(lines: string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (text === '') text = line;
    else text += isCjk(text.at(-1)) && isCjk(line[0]) ? line : ` ${line}`;
  }
  return text;
}

export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? '';
    // A backslash makes the next punctuation character literal, e.g. \*\* for two asterisks.
    if (char === '\\' && i + 1 < source.length && /[\\`*_{}[\]()#+\-.!>]/.test(source[i + 1] ?? '')) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    const pair = source.slice(i, i + 2);
    if (pair === '**' || pair === '__') {
      const close = source.indexOf(pair, i + 2);
      // Bold needs content that does not start or end with a space: "a ** b" is not bold.
      const inner = close > i + 2 ? source.slice(i + 2, close) : '';
      if (inner && inner.trim() === inner) {
        flush();
        out.push({ type: 'strong', children: parseInline(inner) });
        i = close + 2;
        continue;
      }
    }
    text += char;
    i++;
  }
  flush();
  return out;
}

function parseLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      i++;
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1]?.length ?? 1) as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, children: parseInline((heading[2] ?? '').trim()) });
      i++;
      continue;
    }

    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }

    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && !isBlank(lines[i] ?? '')) {
        const current = lines[i] ?? '';
        const match = QUOTE.exec(current);
        // A line without `>` right after a quoted line continues the quoted paragraph (laziness).
        quoted.push(match ? (match[1] ?? '') : current);
        i++;
      }
      blocks.push({ type: 'quote', children: parseLines(quoted) });
      continue;
    }

    const first = listMarker(line);
    if (first && first.indent < 4) {
      const items: Block[][] = [];
      while (i < lines.length) {
        const marker = listMarker(lines[i] ?? '');
        if (!marker || marker.indent >= first.contentIndent || marker.ordered !== first.ordered || marker.delimiter !== first.delimiter) {
          break;
        }
        const itemLines = [marker.text];
        i++;
        while (i < lines.length) {
          const next = lines[i] ?? '';
          if (isBlank(next)) {
            // A blank line ends the item unless indented content follows it.
            const after = lines.slice(i).find((candidate) => !isBlank(candidate));
            if (after !== undefined && indentOf(after) >= marker.contentIndent) {
              itemLines.push('');
              i++;
              continue;
            }
            break;
          }
          if (indentOf(next) >= marker.contentIndent) {
            itemLines.push(next.slice(marker.contentIndent));
            i++;
            continue;
          }
          // An unindented line continues the item's paragraph unless it starts a new block.
          if (!startsBlock(next) && !listMarker(next)) {
            itemLines.push(next.trimStart());
            i++;
            continue;
          }
          break;
        }
        items.push(parseLines(itemLines));
        // Blank lines between items keep the list going.
        while (i < lines.length && isBlank(lines[i] ?? '')) {
          const after = lines.slice(i).find((candidate) => !isBlank(candidate));
          const nextMarker = after === undefined ? undefined : listMarker(after);
          if (!nextMarker || nextMarker.ordered !== first.ordered || nextMarker.delimiter !== first.delimiter || nextMarker.indent >= first.contentIndent) {
            break;
          }
          i++;
        }
      }
      blocks.push({ type: 'list', ordered: first.ordered, start: first.start, items });
      continue;
    }

    const paragraph: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? '';
      if (isBlank(current) || (paragraph.length > 0 && startsBlock(current))) break;
      paragraph.push(current);
      i++;
    }
    blocks.push({ type: 'paragraph', children: parseInline(joinLines(paragraph)) });
  }
  return blocks;
}

export function parseMarkdown(source: string): Block[] {
  return parseLines(source.replace(/\r\n?/g, '\n').split('\n').map(expandTabs));
}
