import { PAGE_READ_LIMITS, type PagePrice } from '@openipp/shared';

/**
 * Prices as pages show them ("¥1,299.00", "US $59.99", "59,99 €", "1.299,00 zł")
 * turned into a normalised decimal string and an ISO 4217 code.
 */

const ISO_CODE = /^[A-Z]{3}$/u;
const AMOUNT = /^(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/u;

/** Currencies written with a bare "$" somewhere; elsewhere "$" means US dollars. */
const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'TWD', 'MXN']);
const KRONA_CURRENCIES = new Set(['SEK', 'NOK', 'DKK', 'ISK']);

/**
 * Symbols and prefixes, longest first, so "US $" is found before "$" and "R$"
 * before "R". `null` marks an ambiguous sign resolved by the marketplace's
 * own currency (see `resolveSign`).
 */
const SIGNS: readonly (readonly [string, string | null])[] = [
  ['US $', 'USD'],
  ['US$', 'USD'],
  ['USD', 'USD'],
  ['CA $', 'CAD'],
  ['CA$', 'CAD'],
  ['C $', 'CAD'],
  ['C$', 'CAD'],
  ['AU $', 'AUD'],
  ['AU$', 'AUD'],
  ['A $', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['NT$', 'TWD'],
  ['MX$', 'MXN'],
  ['R$', 'BRL'],
  ['RMB', 'CNY'],
  ['元', 'CNY'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₺', 'TRY'],
  ['₽', 'RUB'],
  ['₱', 'PHP'],
  ['zł', 'PLN'],
  ['円', 'JPY'],
  ['¥', null],
  ['￥', null],
  ['$', null],
  ['kr', null],
];

/** The sign's currency; ambiguous signs take the marketplace's currency when it is one they can mean. */
function resolveSign(sign: string, code: string | null, fallback: string | null): string {
  if (code !== null) return code;
  if (sign === '$') return fallback !== null && DOLLAR_CURRENCIES.has(fallback) ? fallback : 'USD';
  if (sign === 'kr') return fallback !== null && KRONA_CURRENCIES.has(fallback) ? fallback : 'SEK';
  // ¥ / ￥: yen on Japanese stores, yuan everywhere we read it otherwise.
  return fallback === 'JPY' ? 'JPY' : 'CNY';
}

/** ISO codes we accept when a page writes one out ("EUR 59,99", "59.99 GBP"). */
const WRITTEN_CODES = new Set([
  'USD', 'EUR', 'GBP', 'CNY', 'JPY', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'TWD', 'MXN', 'BRL', 'INR', 'KRW',
  'TRY', 'RUB', 'PLN', 'SEK', 'NOK', 'DKK', 'CHF', 'CZK', 'HUF', 'AED', 'SAR', 'EGP', 'ZAR', 'MYR', 'PHP',
  'THB', 'IDR', 'VND', 'ILS',
]);

function currencyIn(text: string, fallback: string | null): string | null {
  // Codes are written in capitals and stand alone ("EUR 59,99", "USD59.99"), never inside a word.
  for (const word of text.match(/(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])/gu) ?? []) {
    if (WRITTEN_CODES.has(word)) return word;
  }
  for (const [sign, code] of SIGNS) {
    if (text.includes(sign)) return resolveSign(sign, code, fallback);
  }
  return null;
}

/**
 * The first number in `text` as a normalised decimal, or null.
 *
 * Separators: where both "." and "," appear, the last one is the decimal
 * mark ("1,299.00", "1.299,00"). Where only one kind appears, it groups
 * thousands if it repeats or is followed by exactly three digits ("1,299",
 * "1.299.000"), and marks decimals otherwise ("59,99", "0,999" is 0.999).
 */
export function normalizeAmount(text: string): string | null {
  const run = /\d[\d.,'’\s]*/u.exec(text)?.[0];
  if (run === undefined) return null;
  // Grouping spaces (incl. no-break and thin) and Swiss apostrophes carry no value.
  const compact = run.replace(/[\s'’]/gu, '').replace(/[.,]+$/u, '');
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let integer = compact;
  let fraction = '';
  if (lastDot !== -1 && lastComma !== -1) {
    const mark = Math.max(lastDot, lastComma);
    integer = compact.slice(0, mark);
    fraction = compact.slice(mark + 1);
  } else if (lastDot !== -1 || lastComma !== -1) {
    const separator = lastDot !== -1 ? '.' : ',';
    const parts = compact.split(separator);
    const head = parts[0] ?? '';
    const tail = parts[parts.length - 1] ?? '';
    const groups = parts.length > 2 || (tail.length === 3 && head !== '0');
    if (!groups) {
      integer = head;
      fraction = tail;
    }
  }
  integer = integer.replace(/[.,]/gu, '').replace(/^0+(?=\d)/u, '');
  const amount = fraction === '' ? integer : `${integer}.${fraction}`;
  return amount.length <= PAGE_READ_LIMITS.amountMaxLength && AMOUNT.test(amount) ? amount : null;
}

/**
 * A machine-readable amount (JSON-LD, meta content, microdata): a plain
 * number uses "." as its decimal mark whatever the page's language; anything
 * else is read like shown text.
 */
export function normalizeMachineAmount(value: unknown): string | null {
  const plain = (text: string): string | null => {
    const amount = text.replace(/^0+(?=\d)/u, '');
    return amount.length <= PAGE_READ_LIMITS.amountMaxLength && AMOUNT.test(amount) ? amount : null;
  };
  // String(1e21) is "1e+21": only plain decimals are amounts.
  if (typeof value === 'number') return /^\d+(?:\.\d+)?$/u.test(String(value)) ? plain(String(value)) : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/u.test(trimmed)) return plain(trimmed);
  // A negative or exponent-notation value is no price; anything else may be shown text ("1,299.00").
  if (trimmed.startsWith('-') || /\d[eE][+-]?\d/u.test(trimmed)) return null;
  return normalizeAmount(trimmed);
}

/** A price that satisfies the stored contract (PagePriceSchema). */
export function isValidPrice(price: PagePrice): boolean {
  return (
    typeof price.amount === 'string' &&
    price.amount.length <= PAGE_READ_LIMITS.amountMaxLength &&
    AMOUNT.test(price.amount) &&
    (price.currency === null || (typeof price.currency === 'string' && ISO_CODE.test(price.currency)))
  );
}

export function normalizeCurrencyCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toUpperCase();
  if (code === 'RMB') return 'CNY';
  return ISO_CODE.test(code) ? code : null;
}

/**
 * A shown price: the first amount in the text and the currency its sign or
 * code names, else `fallbackCurrency` (the marketplace's own currency, which
 * also settles "$", "¥" and "kr").
 */
export function parseShownPrice(text: string, fallbackCurrency: string | null = null): PagePrice | null {
  const amount = normalizeAmount(text);
  if (amount === null) return null;
  return { amount, currency: currencyIn(text, fallbackCurrency) ?? fallbackCurrency };
}
