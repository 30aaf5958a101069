import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the documented defaults and resolves DATA_DIR against the cwd', () => {
    const config = parseEnv({}, '/srv/openipp');
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: path.resolve('/srv/openipp', 'data'),
      trustProxy: false,
      sessionTtlHours: 720,
      loginThrottle: { windowSeconds: 900, maxFailuresPerEmail: 5, maxFailuresPerIp: 20 },
      writeRateLimit: { windowSeconds: 60, maxPerWindow: 120 },
    });
  });

  it('parses explicit values', () => {
    const config = parseEnv({ PORT: '9000', DATA_DIR: '/var/lib/openipp', TRUST_PROXY: 'true', NODE_ENV: 'production' }, '/x');
    expect(config.port).toBe(9000);
    expect(config.dataDir).toBe('/var/lib/openipp');
    expect(config.trustProxy).toBe(true);
    expect(config.nodeEnv).toBe('production');
  });

  it('configures mail, links, contacts and the demo mailbox', () => {
    const defaults = parseEnv({ HOST: '127.0.0.1', PORT: '9000' }, '/x');
    expect(defaults).toMatchObject({
      mail: { smtpUrl: undefined, from: 'OpenIPP <no-reply@openipp.local>', maxAttempts: 8 },
      publicUrl: 'http://127.0.0.1:9000',
      contactConfirmMonths: 12,
      demoMailbox: false,
      demoSmtpPort: 2525,
      registrationRateLimit: { windowSeconds: 3600, maxPerIp: 20 },
    });
    const set = parseEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', PUBLIC_URL: 'https://ipp.example/', CONTACT_CONFIRM_MONTHS: '6', DEMO_MAILBOX: 'true' }, '/x');
    expect(set).toMatchObject({ mail: { smtpUrl: 'smtp://127.0.0.1:2525' }, publicUrl: 'https://ipp.example', contactConfirmMonths: 6, demoMailbox: true });
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example' }, '/x')).toThrow();
  });

  it('refuses DEMO_MAILBOX in production: it would publish every e-mail', () => {
    expect(() => parseEnv({ DEMO_MAILBOX: 'true', NODE_ENV: 'production' }, '/x')).toThrow(/DEMO_MAILBOX/);
    expect(parseEnv({ DEMO_MAILBOX: 'false', NODE_ENV: 'production' }, '/x').demoMailbox).toBe(false);
  });

  it('refuses TEST_CLOCK in production: anyone could move the server clock', () => {
    expect(() => parseEnv({ TEST_CLOCK: 'true', NODE_ENV: 'production' }, '/x')).toThrow(/TEST_CLOCK/);
    expect(parseEnv({ TEST_CLOCK: 'true', NODE_ENV: 'test' }, '/x').testClock).toBe(true);
    expect(parseEnv({}, '/x').testClock).toBe(false);
  });

  it('configures the write and list budgets per user and per client address', () => {
    const defaults = parseEnv({}, '/x');
    expect(defaults.writeRateLimit).toStrictEqual({ windowSeconds: 60, maxPerWindow: 120 });
    expect(defaults.listRateLimit).toStrictEqual({ windowSeconds: 60, maxPerUser: 300 });
    const set = parseEnv({ WRITE_MAX_PER_IP: '500', LIST_WINDOW_SECONDS: '30', LIST_MAX_PER_USER: '40', LIST_MAX_PER_IP: '90' }, '/x');
    expect(set.writeRateLimit).toStrictEqual({ windowSeconds: 60, maxPerWindow: 120, maxPerIp: 500 });
    expect(set.listRateLimit).toStrictEqual({ windowSeconds: 30, maxPerUser: 40, maxPerIp: 90 });
    expect(() => parseEnv({ LIST_MAX_PER_USER: '0' }, '/x')).toThrow();
    expect(() => parseEnv({ WRITE_MAX_PER_IP: 'lots' }, '/x')).toThrow();
    // Counters older than a day are swept, so a longer window would forget its hits.
    expect(() => parseEnv({ LIST_WINDOW_SECONDS: '86401' }, '/x')).toThrow();
    expect(parseEnv({ LIST_WINDOW_SECONDS: '86400' }, '/x').listRateLimit.windowSeconds).toBe(86_400);
  });

  it('rejects invalid values instead of guessing', () => {
    expect(() => parseEnv({ PORT: 'eighty' }, '/x')).toThrow();
    expect(() => parseEnv({ TRUST_PROXY: 'maybe' }, '/x')).toThrow();
    expect(() => parseEnv({ NODE_ENV: 'staging' }, '/x')).toThrow();
  });
});
