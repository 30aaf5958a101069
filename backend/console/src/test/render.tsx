import { resources } from '@openipp/locales';
import { LOCALES, type Locale } from '@openipp/shared';
import i18next, { type i18n } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { NAMESPACES } from '../i18n';

/** The console's real texts in one language, without the browser-only parts of initI18n. */
export function testI18n(lng: Locale = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng,
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    ns: [...NAMESPACES],
    defaultNS: 'console',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** A component's HTML as the browser would first receive it, translated. */
export function renderHtml(node: ReactNode, instance: i18n = testI18n()): string {
  return renderToStaticMarkup(<I18nextProvider i18n={instance}>{node}</I18nextProvider>);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };

/** Text content of an HTML fragment: tags dropped, React's escapes undone. */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

export interface Found {
  attributes: Record<string, string>;
  text: string;
}

/**
 * The elements carrying `data-testid="<testId>"`, with their attributes and
 * text. Enough of a query for static markup of elements that do not nest in
 * themselves (list items, table rows, stat tiles).
 */
export function findByTestId(html: string, testId: string): Found[] {
  const found: Found[] = [];
  const open = new RegExp(`<([a-z][a-z0-9]*)((?:\\s+[^\\s=>]+="[^"]*")*?\\s+data-testid="${testId}"(?:\\s+[^\\s=>]+="[^"]*")*)\\s*>`, 'g');
  for (const match of html.matchAll(open)) {
    const [whole, tag, rawAttributes] = match;
    const attributes: Record<string, string> = {};
    for (const attribute of (rawAttributes ?? '').matchAll(/([^\s=]+)="([^"]*)"/g)) attributes[attribute[1]!] = textOf(attribute[2]!);
    const start = (match.index ?? 0) + whole.length;
    const end = html.indexOf(`</${tag}>`, start);
    found.push({ attributes, text: textOf(html.slice(start, end === -1 ? undefined : end)) });
  }
  return found;
}
