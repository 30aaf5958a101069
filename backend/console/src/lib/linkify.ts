/** A piece of plain text, or a web link found in it. */
export type TextPart = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

// Candidates start at http:// or https:// and run over printable ASCII: the links we
// mail are ASCII (tokens are base64url), and a Chinese sentence often runs straight
// on after a URL with no space. Excluded: space, " ' < > and `, which end a URL in text.
const CANDIDATE = /https?:\/\/[!#-&(-;=?-_a-~]+/giu;
// Sentence punctuation after a link belongs to the sentence, not the link.
const TRAILING = /[.,;:!?)\]}'"。，；：！？）」』、]+$/u;

/**
 * Splits mail text into text and http(s) links, for rendering as React children.
 * Only http: and https: URLs become links — never `javascript:`, `data:` or the
 * like, whatever the text says — and each href is the parsed, normalised URL.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const previous = parts.at(-1);
    if (previous?.type === 'text') previous.text += value;
    else parts.push({ type: 'text', text: value });
  };
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING, '');
    let href: string | undefined;
    try {
      const url = new URL(raw);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) href = url.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    pushText(text.slice(last, start));
    parts.push({ type: 'link', text: raw, href });
    last = start + raw.length;
  }
  pushText(text.slice(last));
  return parts;
}
