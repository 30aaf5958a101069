import { resources } from '@openipp/locales';
import type { Locale } from '@openipp/shared';

type ServerStrings = (typeof resources)['en']['server'];
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type ServerKey = Leaves<ServerStrings>;

/** The backend's few user-visible strings (pages it renders, CLI banners), from locales/<lang>/server.json. */
export function serverText(locale: Locale, key: ServerKey, vars: Record<string, string> = {}): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources[locale].server);
  return String(text).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => vars[name] ?? '');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
