import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '@openipp/shared';
import { createI18n } from '@/lib/i18n';

/** A component's HTML in the given language, as the page would first show it. */
export async function renderMarkup(element: ReactElement, locale: Locale = 'en'): Promise<string> {
  const i18n = await createI18n(locale);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

const decode = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The elements with `data-testid`, in document order: their attributes and their text. */
export function byTestId(markup: string, testId: string): { attrs: Record<string, string>; text: string }[] {
  const found: { attrs: Record<string, string>; text: string }[] = [];
  const open = /<([a-z]+)((?:\s+[a-zA-Z-]+="[^"]*")*)\s*\/?>/g;
  for (let match = open.exec(markup); match; match = open.exec(markup)) {
    const attrs: Record<string, string> = {};
    for (const [, name, value] of match[2]!.matchAll(/\s+([a-zA-Z-]+)="([^"]*)"/g)) attrs[name!] = decode(value!);
    if (attrs['data-testid'] !== testId) continue;
    const rest = markup.slice(open.lastIndex);
    const end = rest.indexOf(`</${match[1]}>`);
    found.push({ attrs, text: decode((end >= 0 ? rest.slice(0, end) : '').replace(/<[^>]+>/g, '')) });
  }
  return found;
}
