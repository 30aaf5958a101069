import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cssEscape, elementText, looksGenerated, robustSelector } from './marks-selector';

function page(html: string): Document {
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

/** The selector for the element `pick` finds, checked to find that element alone. */
function selectorFor(doc: Document, pick: string): string {
  const element = doc.querySelector(pick)!;
  const selector = robustSelector(element);
  expect(selector).not.toBeNull();
  const found = doc.querySelectorAll(selector!);
  expect(found.length).toBe(1);
  expect(found[0]).toBe(element);
  return selector!;
}

const LISTING = `
  <div class="header"><span>Shop</span></div>
  <div class="main">
    <div class="gallery" data-spm="gallery">
      <img src="a.jpg" alt="front view"><img src="b.jpg" alt="back view"><img src="c.jpg" alt="side view">
    </div>
    <div class="info">
      <h1 id="title">Brand-name handbag</h1>
      <div id=":r5:"><span class="price">¥ 99</span></div>
      <ul class="specs"><li>Leather</li><li>Logo printed</li><li>Made in 2024</li></ul>
      <button data-testid="buy">Buy</button>
      <p data-testid="note">One</p><p data-testid="note">Two</p>
    </div>
  </div>`;

describe('robustSelector', () => {
  it('prefers a stable id', () => {
    expect(selectorFor(page(LISTING), 'h1')).toBe('#title');
  });

  it('uses a naming data attribute next', () => {
    expect(selectorFor(page(LISTING), 'button')).toBe('button[data-testid="buy"]');
  });

  it('skips ids a framework generated and attributes that are not unique', () => {
    const doc = page(LISTING);
    const price = selectorFor(doc, '.price');
    expect(price).not.toContain(':r5:');
    const second = selectorFor(doc, 'p:nth-of-type(2)');
    expect(second).not.toBe('p[data-testid="note"]');
    expect(second).toContain('nth-of-type(2)');
  });

  it('builds an nth-of-type path anchored at the nearest named ancestor', () => {
    expect(selectorFor(page(LISTING), 'img[alt="back view"]')).toBe('div[data-spm="gallery"] > img:nth-of-type(2)');
  });

  it('finds the element again after the page is loaded afresh, and after content is added elsewhere', () => {
    const first = page(LISTING);
    const selector = selectorFor(first, '.specs li:nth-of-type(2)');
    // A new banner at the top of the body, and the same listing loaded again: the selector still finds "Logo printed".
    const again = page(`<div class="banner"><p>Sale</p></div>${LISTING}`);
    const found = again.querySelectorAll(selector);
    expect(found.length).toBe(1);
    expect(found[0]!.textContent).toBe('Logo printed');
  });

  it('gives a path from the root when nothing is named', () => {
    const doc = page('<div><div><span>a</span></div><div><span>b</span><span>c</span></div></div>');
    const selector = selectorFor(doc, 'div > div:nth-of-type(2) > span:nth-of-type(2)');
    expect(doc.querySelector(selector)!.textContent).toBe('c');
  });

  it('returns null for an element outside the document', () => {
    const doc = page('');
    expect(robustSelector(doc.createElement('div'))).toBeNull();
  });
});

describe('helpers', () => {
  it('tells generated ids from names', () => {
    expect(looksGenerated('title')).toBe(false);
    expect(looksGenerated('price-box')).toBe(false);
    for (const id of [':r5:', 'ember1234', '12ab', 'a1b2c3d4e5f6a7b8', 'item-20240512', '']) expect(looksGenerated(id)).toBe(true);
  });

  it('escapes identifiers', () => {
    expect(cssEscape('a.b')).toBe('a\\.b');
    expect(cssEscape('1a')).toBe('\\31 a');
  });

  it('reads an element by its text, else its alt text', () => {
    const doc = page(LISTING);
    expect(elementText(doc.querySelector('h1')!)).toBe('Brand-name handbag');
    expect(elementText(doc.querySelector('img')!)).toBe('front view');
  });
});
