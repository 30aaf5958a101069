import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

const links = (text: string) => linkify(text).filter((part) => part.type === 'link');
const joined = (text: string) => linkify(text).map((part) => part.text).join('');

describe('linkify', () => {
  it('turns http(s) URLs into links and keeps every character of the text', () => {
    const text = 'Verify: https://ipp.example/#/verify-email?token=a_b-c\nOr http://127.0.0.1:8896/#/freeze?token=x.';
    expect(links(text).map((part) => part.type === 'link' && part.href)).toEqual([
      'https://ipp.example/#/verify-email?token=a_b-c',
      'http://127.0.0.1:8896/#/freeze?token=x',
    ]);
    expect(joined(text)).toBe(text);
  });

  it('leaves sentence punctuation, Latin or Chinese, outside the link', () => {
    expect(links('见 https://ipp.example/a。谢谢').map((part) => part.text)).toEqual(['https://ipp.example/a']);
    expect(links('(see https://ipp.example/b), then').map((part) => part.text)).toEqual(['https://ipp.example/b']);
  });

  it('never links javascript:, data: or other schemes, however they are written', () => {
    for (const text of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd', 'http://', 'https://"onmouseover=alert(1)']) {
      for (const part of links(text)) expect(part.type === 'link' && /^https?:\/\/[^"]+$/.test(part.href)).toBe(true);
      expect(joined(text)).toBe(text);
    }
    expect(links('javascript:alert(1)')).toEqual([]);
    // A javascript: URL hidden behind an http one is only text after it.
    expect(links('http://a.example/x javascript:alert(1)').map((part) => part.type === 'link' && part.href)).toEqual(['http://a.example/x']);
  });

  it('returns plain text unchanged when there is no link', () => {
    expect(linkify('no links here')).toEqual([{ type: 'text', text: 'no links here' }]);
    expect(linkify('')).toEqual([]);
  });
});
