import { describe, expect, it } from 'vitest';
import { normalizeAmount, normalizeMachineAmount, parseShownPrice } from './price';

describe('shown prices', () => {
  it.each([
    ['¥1,299.00', null, { amount: '1299.00', currency: 'CNY' }],
    ['US $59.99', null, { amount: '59.99', currency: 'USD' }],
    ['59,99 €', null, { amount: '59.99', currency: 'EUR' }],
    ['1.299,00 €', null, { amount: '1299.00', currency: 'EUR' }],
    ['1\u00a0299,00\u00a0zł', null, { amount: '1299.00', currency: 'PLN' }],
    ["CHF 1'299.50", null, { amount: '1299.50', currency: 'CHF' }],
    ['EUR 59,99', null, { amount: '59.99', currency: 'EUR' }],
    ['£59.99', null, { amount: '59.99', currency: 'GBP' }],
    ['C $79.00', null, { amount: '79.00', currency: 'CAD' }],
    ['AU $79.00', null, { amount: '79.00', currency: 'AUD' }],
    ['R$ 249,90', null, { amount: '249.90', currency: 'BRL' }],
    ['￥2,399', null, { amount: '2399', currency: 'CNY' }],
    ['¥2,399', 'JPY', { amount: '2399', currency: 'JPY' }],
    ['$24.99', 'CAD', { amount: '24.99', currency: 'CAD' }],
    ['$24.99', 'EUR', { amount: '24.99', currency: 'USD' }],
    ['249 kr', 'NOK', { amount: '249', currency: 'NOK' }],
    ['¥ 25.50 - 38.00', null, { amount: '25.50', currency: 'CNY' }],
    ['159.00', 'CNY', { amount: '159.00', currency: 'CNY' }],
    ['159.00', null, { amount: '159.00', currency: null }],
    ['₹1,24,999.00', null, { amount: '124999.00', currency: 'INR' }],
    ['0,999 €', null, { amount: '0.999', currency: 'EUR' }],
    ['007.50', null, { amount: '7.50', currency: null }],
  ] as const)('%s (store currency %s)', (text, fallback, expected) => {
    expect(parseShownPrice(text, fallback)).toEqual(expected);
  });

  it('reads a written code only where it stands alone, not inside a word', () => {
    expect(parseShownPrice('Discount price 59.99', 'GBP')).toEqual({ amount: '59.99', currency: 'GBP' });
  });

  it.each(['', 'free', 'Price on request', '$', '¥¥¥', '1'.repeat(40)])('gives null for %j', (text) => {
    expect(parseShownPrice(text, 'USD')).toBeNull();
  });

  it('groups thousands where a lone separator is followed by exactly three digits', () => {
    expect(normalizeAmount('1,299')).toBe('1299');
    expect(normalizeAmount('1.299.000')).toBe('1299000');
    expect(normalizeAmount('12.5')).toBe('12.5');
  });
});

describe('machine-readable amounts', () => {
  it('read a plain number with "." as its decimal mark whatever its digits', () => {
    expect(normalizeMachineAmount('1.299')).toBe('1.299');
    expect(normalizeMachineAmount(129.5)).toBe('129.5');
    expect(normalizeMachineAmount(1299)).toBe('1299');
    expect(normalizeMachineAmount(' 59.99 ')).toBe('59.99');
  });

  it('refuse non-numbers, negative and non-finite values', () => {
    for (const value of [null, undefined, {}, [], true, -5, '-5.00', Number.NaN, Number.POSITIVE_INFINITY, 1e21, '1e21', 'NaN', '']) {
      expect(normalizeMachineAmount(value)).toBeNull();
    }
  });
});
