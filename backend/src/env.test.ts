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

  it('rejects invalid values instead of guessing', () => {
    expect(() => parseEnv({ PORT: 'eighty' }, '/x')).toThrow();
    expect(() => parseEnv({ TRUST_PROXY: 'maybe' }, '/x')).toThrow();
    expect(() => parseEnv({ NODE_ENV: 'staging' }, '/x')).toThrow();
  });
});
