import { describe, expect, it } from 'vitest';
import { canonicalize, type JsonValue } from './canonical-json';

describe('canonicalize', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    expect(canonicalize(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('spells equal values the same whatever order their keys were written in', () => {
    expect(canonicalize({ seq: 1, at: 2, kind: 'k' })).toBe(canonicalize({ kind: 'k', at: 2, seq: 1 }));
  });

  it('keeps array order, which is part of the value', () => {
    expect(canonicalize([2, 1])).toBe('[2,1]');
    expect(canonicalize([2, 1])).not.toBe(canonicalize([1, 2]));
  });

  it('orders keys by UTF-16 code units, not by locale', () => {
    expect(canonicalize({ b: 0, B: 0, a: 0, é: 0, '10': 0, '9': 0 })).toBe('{"10":0,"9":0,"B":0,"a":0,"b":0,"é":0}');
  });

  it('writes strings and numbers as JSON does, escapes included', () => {
    expect(canonicalize('line\n"quoted" 中文 \u2028')).toBe(JSON.stringify('line\n"quoted" 中文 \u2028'));
    expect(canonicalize([0, -0, 1.5, 1e21, -42])).toBe('[0,0,1.5,1e+21,-42]');
  });

  it('tells a string from the number or null it spells', () => {
    expect(canonicalize({ at: 1 })).not.toBe(canonicalize({ at: '1' }));
    expect(canonicalize({ tenantId: null })).not.toBe(canonicalize({ tenantId: 'null' }));
  });

  it('round-trips through JSON.parse', () => {
    const value: JsonValue = { url: 'https://item.taobao.com/item.htm?id=42', n: [1, 2, { k: 'v' }], ok: false };
    expect(JSON.parse(canonicalize(value))).toEqual(value);
  });

  it('refuses what JSON cannot carry back unchanged', () => {
    expect(() => canonicalize(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalize({ a: Number.POSITIVE_INFINITY })).toThrow(/\$\.a/);
    expect(() => canonicalize({ a: undefined } as unknown as JsonValue)).toThrow(/undefined/);
    expect(() => canonicalize({ at: new Date(0) } as unknown as JsonValue)).toThrow(/\$\.at/);
    expect(() => canonicalize([new Uint8Array([120])] as unknown as JsonValue)).toThrow(/\$\[0\]/);
    expect(() => canonicalize(1n as unknown as JsonValue)).toThrow(/bigint/);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, JsonValue>, { b: 2, a: 1 });
    expect(canonicalize(bare)).toBe('{"a":1,"b":2}');
  });
});
