/**
 * The only module that reads `process.env`. Everything else receives an
 * `AppConfig`, so tests build apps from explicit objects.
 */
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Honour X-Forwarded-For / X-Forwarded-Proto only behind a proxy we run. */
  TRUST_PROXY: booleanFromEnv,
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(720),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  WRITE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  WRITE_MAX_PER_WINDOW: z.coerce.number().int().positive().default(120),
  /** Language of command-line output (the demo banner); the UI languages follow the user. */
  LANG: z.string().optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  /** Absolute path; holds the SQLite file and the blob tree. */
  dataDir: string;
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  sessionTtlHours: number;
  loginThrottle: { windowSeconds: number; maxFailuresPerEmail: number; maxFailuresPerIp: number };
  writeRateLimit: { windowSeconds: number; maxPerWindow: number };
  cliLanguage: string | undefined;
}

export function parseEnv(source: Record<string, string | undefined>, cwd: string): AppConfig {
  const env = EnvSchema.parse(source);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(cwd, env.DATA_DIR),
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    loginThrottle: {
      windowSeconds: env.LOGIN_WINDOW_SECONDS,
      maxFailuresPerEmail: env.LOGIN_MAX_FAILURES_PER_EMAIL,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
    },
    writeRateLimit: { windowSeconds: env.WRITE_WINDOW_SECONDS, maxPerWindow: env.WRITE_MAX_PER_WINDOW },
    cliLanguage: env.LANG,
  };
}

/** Reads the process environment once, at start-up. Throws a readable error on bad values. */
export function readEnv(): AppConfig {
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parseEnv(process.env, process.cwd());
}

/** Defaults for tests and tools, with the given overrides. */
export function defaultConfig(overrides: Partial<AppConfig> & { dataDir: string }): AppConfig {
  return { ...parseEnv({}, process.cwd()), logLevel: 'silent', nodeEnv: 'test', ...overrides };
}
