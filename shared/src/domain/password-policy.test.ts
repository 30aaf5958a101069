import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

describe('checkPassword', () => {
  it('accepts a long, uncommon password or passphrase', () => {
    expect(checkPassword('correct horse battery staple')).toEqual([]);
    expect(checkPassword('品牌保护需要耐心和证据')).toEqual([]);
  });
  it('refuses fewer than 8 characters, counting code points', () => {
    expect(checkPassword('abc1234')).toEqual(['too_short']);
    expect(checkPassword('品牌保护证据')).toEqual(['too_short']);
  });
  it('refuses more than 128 characters', () => {
    expect(checkPassword('x'.repeat(129))).toContain('too_long');
  });
  it('refuses the most common passwords, whatever their case', () => {
    expect(checkPassword('password1')).toEqual(['too_common']);
    expect(checkPassword('QWERTYUIOP')).toEqual(['too_common']);
    expect(checkPassword('woaini1314')).toEqual(['too_common']);
  });
  it('refuses the demo password for real accounts', () => {
    expect(checkPassword('demo-password-1')).toEqual(['too_common']);
  });
  it('refuses a password built on the e-mail name', () => {
    expect(checkPassword('brandwatch2026', { email: 'brandwatch@example.com' })).toEqual(['contains_email']);
  });
});
