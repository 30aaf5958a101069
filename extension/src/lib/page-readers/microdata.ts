import { PAGE_READ_LIMITS } from '@openipp/shared';
import { cleanText, isHidden, queryAll, visibleText } from './dom';
import { normalizeCurrencyCode, normalizeMachineAmount, parseShownPrice } from './price';
import type { FoundFields, PagePrice } from './types';

/**
 * schema.org microdata: the first visible Product item (or, failing that, a
 * stand-alone Offer) and its own properties. A nested item's properties
 * belong to that item, so a brand's or seller's `name` is never taken for
 * the product's.
 */

const MAX_ITEMS = 200;
const MAX_PROPERTIES = 500;
const PRODUCT_TYPE = /schema\.org\/(?:Product|ProductGroup|IndividualProduct|ProductModel)$/iu;
const OFFER_TYPE = /schema\.org\/(?:Offer|AggregateOffer)$/iu;
const STORE_TYPE = /schema\.org\/(?:Store|OnlineStore|OnlineBusiness)$/iu;
/** Machine-only elements: invisible by design, so visibility says nothing about them. */
const META_TAGS = new Set(['META', 'LINK']);

function itemTypes(item: Element): string[] {
  return (item.getAttribute('itemtype') ?? '').trim().split(/\s+/u).filter(Boolean);
}

function isType(item: Element, pattern: RegExp): boolean {
  return itemTypes(item).some((type) => pattern.test(type));
}

/** "price", "offers"…: property names with any vocabulary URL in front removed. */
function propertyNames(element: Element): string[] {
  return (element.getAttribute('itemprop') ?? '')
    .trim()
    .split(/\s+/u)
    .filter(Boolean)
    .map((name) => name.replace(/^.*[/#]/u, ''));
}

/** The item's own properties by name, in document order, not descending into nested items. */
function propertiesOf(item: Element): Map<string, Element[]> {
  const properties = new Map<string, Element[]>();
  let count = 0;
  const walk = (element: Element, depth: number): void => {
    for (let child = element.firstElementChild; child !== null && count < MAX_PROPERTIES; child = child.nextElementSibling) {
      if (child.tagName === 'TEMPLATE' || child.tagName === 'SCRIPT') continue;
      if (child.hasAttribute('itemprop')) {
        count++;
        if (META_TAGS.has(child.tagName) || !isHidden(child)) {
          for (const name of propertyNames(child)) properties.set(name, [...(properties.get(name) ?? []), child]);
        }
      }
      if (!child.hasAttribute('itemscope') && depth < 64) walk(child, depth + 1);
    }
  };
  walk(item, 0);
  return properties;
}

/** A property's value as the microdata model defines it, plus the widely used `content` on any element. */
function propertyValue(element: Element, max: number): string | null {
  const tag = element.tagName;
  const attribute =
    tag === 'META'
      ? 'content'
      : tag === 'A' || tag === 'LINK' || tag === 'AREA'
        ? 'href'
        : tag === 'DATA' || tag === 'METER'
          ? 'value'
          : tag === 'TIME'
            ? 'datetime'
            : element.hasAttribute('content')
              ? 'content'
              : null;
  const value = attribute === null ? null : element.getAttribute(attribute);
  return value !== null ? cleanText(value, max) : visibleText(element, max);
}

function first(properties: Map<string, Element[]>, name: string): Element | null {
  return properties.get(name)?.[0] ?? null;
}

function textProperty(properties: Map<string, Element[]>, name: string, max: number): string | null {
  for (const element of properties.get(name) ?? []) {
    const value = propertyValue(element, max);
    if (value !== null) return value;
  }
  return null;
}

/** A person or organisation property: its nested item's name, or its text. */
function partyName(element: Element | null): { name: string | null; store: boolean } {
  if (element === null) return { name: null, store: false };
  if (element.hasAttribute('itemscope')) {
    return {
      name: textProperty(propertiesOf(element), 'name', PAGE_READ_LIMITS.nameMaxLength),
      store: isType(element, STORE_TYPE),
    };
  }
  return { name: propertyValue(element, PAGE_READ_LIMITS.nameMaxLength), store: false };
}

function priceOf(properties: Map<string, Element[]>): PagePrice | null {
  const element = first(properties, 'price') ?? first(properties, 'lowPrice');
  if (element === null) return null;
  const currency = normalizeCurrencyCode(textProperty(properties, 'priceCurrency', 8));
  // `content` holds the machine value; shown text is read like any price on the page.
  const content = element.getAttribute(element.tagName === 'DATA' ? 'value' : 'content');
  if (content !== null) {
    const amount = normalizeMachineAmount(content);
    return amount === null ? null : { amount, currency };
  }
  const text = visibleText(element, 64);
  if (text === null) return null;
  const shown = parseShownPrice(text, currency);
  return shown === null ? null : { amount: shown.amount, currency: currency ?? shown.currency };
}

export function readMicrodata(doc: Document): FoundFields {
  const items = queryAll(doc, '[itemscope][itemtype]')
    .slice(0, MAX_ITEMS)
    .filter((item) => !isHidden(item));
  // The page's own product, not one listed as related or similar to it.
  const product = items.find(
    (item) =>
      isType(item, PRODUCT_TYPE) &&
      (!item.hasAttribute('itemprop') || propertyNames(item).some((name) => name === 'mainEntity' || name === 'about')),
  );
  const main = product ?? items.find((item) => isType(item, OFFER_TYPE));
  if (main === undefined) return {};
  const properties = propertiesOf(main);
  const offers = product === undefined ? [main] : (properties.get('offers') ?? []).filter((offer) => offer.hasAttribute('itemscope'));

  let price: PagePrice | null = null;
  let seller: string | null = null;
  let shopName: string | null = null;
  for (const offer of offers) {
    const offerProperties = propertiesOf(offer);
    price ??= priceOf(offerProperties);
    const party = partyName(first(offerProperties, 'seller') ?? first(offerProperties, 'offeredBy'));
    seller ??= party.name;
    if (party.store) shopName ??= party.name;
  }
  // Some pages put the price straight on the product.
  price ??= product === undefined ? null : priceOf(properties);
  const title = product === undefined ? null : textProperty(properties, 'name', PAGE_READ_LIMITS.titleMaxLength);
  return { title, price, seller, shopName };
}
