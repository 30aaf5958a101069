import { PAGE_READ_LIMITS } from '@openipp/shared';
import { cleanText, queryAll } from './dom';
import { normalizeCurrencyCode, normalizeMachineAmount } from './price';
import type { FoundFields, PagePrice } from './types';

/**
 * schema.org Product / Offer data in `<script type="application/ld+json">`:
 * top-level objects, arrays, `@graph` lists and nested entities
 * (`WebPage.mainEntity`, `ItemPage.about`) alike.
 */

type Json = Record<string, unknown>;

/** Bounds against hostile or broken pages: one script's size, how deep and how many nodes we walk. */
const MAX_SCRIPT_CHARS = 1_000_000;
const MAX_SCRIPTS = 20;
const MAX_DEPTH = 12;
const MAX_NODES = 5_000;

const PRODUCT_TYPES = new Set(['product', 'productgroup', 'individualproduct', 'productmodel', 'vehicle', 'car']);
const OFFER_TYPES = new Set(['offer', 'aggregateoffer']);
const STORE_TYPES = new Set(['store', 'onlinestore', 'onlinebusiness']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** `@type` names, lower-cased, with any vocabulary prefix ("schema:Product", "https://schema.org/Product") removed. */
function typesOf(node: Json): string[] {
  return asList(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/:#]/u, '').toLowerCase());
}

function hasType(node: Json, types: Set<string>): boolean {
  return typesOf(node).some((type) => types.has(type));
}

/** Every object in the parsed scripts, depth first in document order. */
function collectNodes(doc: Document): Json[] {
  const nodes: Json[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || nodes.length >= MAX_NODES) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    nodes.push(value);
    for (const [key, child] of Object.entries(value)) {
      if (key !== '@context' && typeof child === 'object') walk(child, depth + 1);
    }
  };
  const scripts = queryAll(doc, 'script').filter(
    (script) => (script.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json' && script.closest('template') === null,
  );
  for (const script of scripts.slice(0, MAX_SCRIPTS)) {
    const text = script.textContent ?? '';
    if (text.length > MAX_SCRIPT_CHARS) continue;
    try {
      // Some pages wrap the JSON in an HTML comment or CDATA; neither is JSON.
      walk(JSON.parse(text.trim().replace(/^<!--|-->$/gu, '').replace(/^\/\*<!\[CDATA\[\*\/|\/\*\]\]>\*\/$/gu, '')), 0);
    } catch {
      // Broken JSON-LD is common; the other scripts and strategies still count.
    }
  }
  return nodes;
}

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return cleanText(value, PAGE_READ_LIMITS.nameMaxLength);
  if (isObject(value)) return cleanText(typeof value.name === 'string' ? value.name : null, PAGE_READ_LIMITS.nameMaxLength);
  return null;
}

function offerPrice(offer: Json): PagePrice | null {
  const specs = asList(offer.priceSpecification).filter(isObject);
  const candidates: { price: unknown; currency: unknown }[] = [
    { price: offer.price, currency: offer.priceCurrency },
    { price: offer.lowPrice, currency: offer.priceCurrency },
    ...specs.map((spec) => ({ price: spec.price ?? spec.minPrice, currency: spec.priceCurrency ?? offer.priceCurrency })),
  ];
  for (const { price, currency } of candidates) {
    const amount = normalizeMachineAmount(price);
    if (amount !== null) return { amount, currency: normalizeCurrencyCode(currency) };
  }
  return null;
}

/** Offers of a product; AggregateOffer's own `offers` list comes after its low price. */
function offersOf(product: Json): Json[] {
  const offers: Json[] = [];
  for (const offer of asList(product.offers).filter(isObject)) {
    offers.push(offer);
    offers.push(...asList(offer.offers).filter(isObject));
  }
  return offers;
}

export function readJsonLd(doc: Document): FoundFields {
  const nodes = collectNodes(doc);
  const products = nodes.filter((node) => hasType(node, PRODUCT_TYPES));
  // A page may describe only an Offer (with itemOffered) and no Product node of its own.
  const offers = products.length > 0 ? products.flatMap(offersOf) : nodes.filter((node) => hasType(node, OFFER_TYPES));

  let title: string | null = null;
  for (const product of products) {
    title = cleanText(typeof product.name === 'string' ? product.name : null, PAGE_READ_LIMITS.titleMaxLength);
    if (title !== null) break;
  }
  if (title === null) {
    for (const offer of offers) {
      title = nameOf(isObject(offer.itemOffered) ? offer.itemOffered : null);
      if (title !== null) break;
    }
  }

  let price: PagePrice | null = null;
  let seller: string | null = null;
  let shopName: string | null = null;
  for (const offer of offers) {
    price ??= offerPrice(offer);
    for (const party of asList(offer.seller ?? offer.offeredBy)) {
      seller ??= nameOf(party);
      if (isObject(party) && hasType(party, STORE_TYPES)) shopName ??= nameOf(party);
    }
  }
  for (const node of nodes) {
    if (shopName !== null) break;
    if (hasType(node, STORE_TYPES)) shopName = nameOf(node);
  }
  return { title, price, seller, shopName };
}
