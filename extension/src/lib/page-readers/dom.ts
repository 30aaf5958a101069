/**
 * DOM helpers for the page readers. They run inside the page (a content
 * script), so they use nothing but the standard DOM, and they swallow every
 * error: a page we cannot read must never break a capture.
 */

/** Elements whose text is code, styling or an unrendered template, never something a user sees. */
const JUNK_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'SVG']);

/** Unrendered template placeholders ("{{ title }}", "${price}", "<%= name %>") left in a page. */
const PLACEHOLDER = /\{\{|\}\}|\$\{|<%|%>/u;

/** Cut to `max` UTF-16 units without leaving half a surrogate pair behind. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/u.test(cut) ? cut.slice(0, -1) : cut;
}

/** Collapse whitespace, drop control characters, trim and cap; null for empty or placeholder text. */
export function cleanText(raw: string | null | undefined, max: number): string | null {
  if (typeof raw !== 'string') return null;
  // Scan a bounded prefix: a single text node can be megabytes on a broken page.
  const text = raw.slice(0, max * 4 + 64).replace(/[\u0000-\u001f\u007f\u200b-\u200d\ufeff]/gu, ' ').replace(/\s+/gu, ' ').trim();
  if (text === '' || PLACEHOLDER.test(text)) return null;
  return truncate(text, max).trim() || null;
}

function inlineHidden(element: Element): boolean {
  const style = (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/gu, '');
  return /(?:^|;)display:none/u.test(style) || /(?:^|;)visibility:hidden/u.test(style);
}

function computedHidden(element: Element): boolean {
  // Only a real browser computes styles; the check adds class-based hiding there.
  const view = element.ownerDocument?.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return false;
  try {
    const style = view.getComputedStyle(element);
    return style.display === 'none' || style.visibility === 'hidden';
  } catch {
    return false;
  }
}

/**
 * True when the element is not something the user sees: inside a template,
 * script or style, or hidden by the `hidden` attribute, `type="hidden"`, an
 * inline style or (in a browser) the computed style of it or an ancestor.
 */
export function isHidden(element: Element): boolean {
  let depth = 0;
  for (let node: Element | null = element; node !== null && depth < 200; node = node.parentElement, depth++) {
    if (JUNK_TAGS.has(node.tagName)) return true;
    if (node.hasAttribute('hidden') || inlineHidden(node)) return true;
    if (node.tagName === 'INPUT' && (node.getAttribute('type') ?? '').toLowerCase() === 'hidden') return true;
  }
  return computedHidden(element);
}

/** The text a user sees in the element: junk and hidden descendants left out. */
export function visibleText(element: Element, max: number): string | null {
  const parts: string[] = [];
  let length = 0;
  const budget = max * 4 + 64;
  const walk = (node: Node, depth: number): void => {
    if (length > budget || depth > 64) return;
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      parts.push(value);
      length += value.length;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (JUNK_TAGS.has(element.tagName) || element.hasAttribute('hidden') || inlineHidden(element)) return;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) walk(child, depth + 1);
  };
  walk(element, 0);
  return cleanText(parts.join(' '), max);
}

/** `querySelectorAll` that returns nothing instead of throwing on selectors an engine does not know. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/**
 * The first visible element matched by the selectors, tried in order, whose
 * `pick` yields a value. Order is precedence: the most specific selector first.
 */
export function firstValue<T>(
  root: ParentNode,
  selectors: readonly string[],
  pick: (element: Element) => T | null,
): T | null {
  for (const selector of selectors) {
    for (const element of queryAll(root, selector).slice(0, 50)) {
      if (isHidden(element)) continue;
      const value = pick(element);
      if (value !== null) return value;
    }
  }
  return null;
}

/** The first visible text among the selectors, with an optional label ("Sold by", "掌柜：") removed. */
export function firstText(root: ParentNode, selectors: readonly string[], max: number, label?: RegExp): string | null {
  return firstValue(root, selectors, (element) => {
    const text = visibleText(element, max + 64);
    return cleanText(label === undefined || text === null ? text : text.replace(label, ''), max);
  });
}

/** An element's `href` resolved against the page, or null. */
export function linkUrl(element: Element, base: string): URL | null {
  const anchor = element.tagName === 'A' ? element : (element.querySelector('a[href]') ?? element.closest('a[href]'));
  const href = anchor?.getAttribute('href');
  if (href === null || href === undefined) return null;
  try {
    return new URL(href.trim(), base);
  } catch {
    return null;
  }
}

/** `<meta property|name="…" content="…">`, the first non-empty one. */
export function metaContent(doc: Document, names: readonly string[]): string | null {
  for (const meta of queryAll(doc, 'meta[content]')) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').trim().toLowerCase();
    if (!names.includes(key) || meta.closest('template') !== null) continue;
    const content = meta.getAttribute('content');
    if (content !== null && content.trim() !== '') return content;
  }
  return null;
}
