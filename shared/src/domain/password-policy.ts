/**
 * Password rules after OWASP ASVS 2.1: length is what matters (at least 8,
 * up to 128 so passphrases fit), no composition rules, and the most common
 * passwords refused — attackers try those first.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email';

// The passwords that head every published breach-frequency list, plus the
// keyboard walks and words that recur in Chinese-language breaches.
const COMMON = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty1 111111 12345 1234567 1234567890 123123 abc123 000000
  password1 password123 iloveyou 1q2w3e4r 1q2w3e4r5t qwertyuiop 123321 654321 666666 888888 88888888 11111111
  00000000 987654321 1qaz2wsx zxcvbnm123 asdfghjkl qazwsxedc 5201314 woaini1314 aa123456 a123456789 abcd1234
  qwer1234 123qwe 123abc 1234qwer admin123 administrator welcome1 welcome123 letmein1 sunshine1 princess1
  football1 baseball1 dragon123 monkey123 master123 shadow123 superman1 trustno1 passw0rd p@ssw0rd p@ssword
  changeme changeme1 default1 secret123 test1234 testtest guest123 user1234 login123 root1234 toor1234
  11223344 12121212 12341234 11112222 22222222 33333333 55555555 66666666 99999999 12344321 13141314 52013140
  woaini520 iloveyou1 iloveyou2 zhang123 wang1234 li123456 q1w2e3r4 a1b2c3d4 1a2b3c4d zaq12wsx !qaz2wsx
  qweasdzxc asdf1234 zxcv1234 11111111a 123456aa aaaaaaaa abcdefgh abcdefg1 passwort motdepasse contrasena
  demo-password-1`
    .split(/\s+/)
    .filter(Boolean),
);

export function checkPassword(password: string, context: { email?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  // Count code points, not UTF-16 units, so a passphrase in Chinese is measured fairly.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (COMMON.has(password.toLowerCase())) problems.push('too_common');
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) problems.push('contains_email');
  return problems;
}
