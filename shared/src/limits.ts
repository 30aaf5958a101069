/** Limits both sides enforce, so the extension can refuse before uploading. */
export const LIMITS = {
  /** Largest screenshot we accept, in bytes. A 4K full-DPR PNG fits comfortably. */
  screenshotMaxBytes: 15 * 1024 * 1024,
  /** Whole multipart body cap: the screenshot plus a small meta field. */
  captureBodyMaxBytes: 16 * 1024 * 1024,
  /** JSON bodies are small; anything bigger is abuse. */
  jsonBodyMaxBytes: 64 * 1024,
  /** Decompression-bomb guard for decoded images (width × height). */
  imageMaxPixels: 16384 * 16384,
  urlMaxLength: 4096,
  titleMaxLength: 1000,
  listPageMax: 100,
} as const;

/** Supported UI languages. The Chinese text prevails where versions differ. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function pickLocale(preferred: readonly string[] | string | undefined): Locale {
  const list = typeof preferred === 'string' ? [preferred] : (preferred ?? []);
  for (const tag of list) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
