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

/** Rate-limit windows: at most a day, because counter rows older than a day are swept (services/rate-limit). */
const windowSeconds = z.coerce.number().int().positive().max(24 * 60 * 60);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Honour X-Forwarded-For / X-Forwarded-Proto only behind a proxy we run. */
  TRUST_PROXY: booleanFromEnv,
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(720),
  LOGIN_WINDOW_SECONDS: windowSeconds.default(15 * 60),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  WRITE_WINDOW_SECONDS: windowSeconds.default(60),
  WRITE_MAX_PER_WINDOW: z.coerce.number().int().positive().default(120),
  /** Writes per client address and window; unset: ten times WRITE_MAX_PER_WINDOW (many people share one NAT). */
  WRITE_MAX_PER_IP: z.coerce.number().int().positive().optional(),
  /** List routes (GET pages of records) per user and per client address: an anti-scraping budget. */
  LIST_WINDOW_SECONDS: windowSeconds.default(60),
  LIST_MAX_PER_USER: z.coerce.number().int().positive().default(300),
  /** Unset: ten times LIST_MAX_PER_USER. */
  LIST_MAX_PER_IP: z.coerce.number().int().positive().optional(),
  /** Language of command-line output (the demo banner); the UI languages follow the user. */
  LANG: z.string().optional(),
  /** Registrations and verification resends per client IP and window (abuse guard). */
  REGISTRATION_WINDOW_SECONDS: windowSeconds.default(60 * 60),
  REGISTRATION_MAX_PER_IP: z.coerce.number().int().positive().default(20),
  /** Outgoing mail. Unset: mail stays queued in the outbox (a warning is logged once). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('OpenIPP <no-reply@openipp.local>'),
  /** Attempts per e-mail before it is marked failed. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().max(50).default(8),
  /** Where links in e-mails point (the console). Default: http://HOST:PORT. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Contact details unconfirmed for this many months are due for confirmation (MISSION item 5). */
  CONTACT_CONFIRM_MONTHS: z.coerce.number().int().positive().max(120).default(12),
  /** Demo only: expose the captured mail at GET /api/dev/mailbox. Never in production. */
  DEMO_MAILBOX: booleanFromEnv,
  DEMO_SMTP_PORT: z.coerce.number().int().min(0).max(65_535).default(2525),
  /** Outgoing SMS: 'log' writes them to the log (demo); 'http' POSTs {to, text} as JSON to SMS_HTTP_URL. */
  SMS_PROVIDER: z.enum(['log', 'http']).default('log'),
  SMS_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Sent as `Authorization: Bearer …` when set. */
  SMS_HTTP_TOKEN: z.string().min(1).optional(),
  /** End-to-end tests only: a wall clock moved by POST /api/dev/clock. Never in production. */
  TEST_CLOCK: booleanFromEnv,
}).refine((env) => !(env.DEMO_MAILBOX && env.NODE_ENV === 'production'), {
  path: ['DEMO_MAILBOX'],
  message: 'DEMO_MAILBOX exposes every e-mail the platform sends; it cannot be on when NODE_ENV is production',
}).refine((env) => !(env.TEST_CLOCK && env.NODE_ENV === 'production'), {
  path: ['TEST_CLOCK'],
  message: 'TEST_CLOCK lets anyone move the server clock; it cannot be on when NODE_ENV is production',
}).refine((env) => env.SMS_PROVIDER !== 'http' || env.SMS_HTTP_URL !== undefined, {
  path: ['SMS_HTTP_URL'],
  message: 'SMS_PROVIDER=http needs SMS_HTTP_URL',
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
  /** Per user; `maxPerIp` per client address (absent: ten times `maxPerWindow`). */
  writeRateLimit: { windowSeconds: number; maxPerWindow: number; maxPerIp?: number };
  /** GET routes returning pages of records; `maxPerIp` absent: ten times `maxPerUser`. */
  listRateLimit: { windowSeconds: number; maxPerUser: number; maxPerIp?: number };
  cliLanguage: string | undefined;
  registrationRateLimit: { windowSeconds: number; maxPerIp: number };
  mail: { smtpUrl: string | undefined; from: string; maxAttempts: number };
  /** No trailing slash. */
  publicUrl: string;
  contactConfirmMonths: number;
  demoMailbox: boolean;
  demoSmtpPort: number;
  sms: { provider: 'log' | 'http'; httpUrl: string | undefined; httpToken: string | undefined };
  /** End-to-end tests: the wall clock can be moved forward (POST /api/dev/clock). */
  testClock: boolean;
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
    writeRateLimit: {
      windowSeconds: env.WRITE_WINDOW_SECONDS,
      maxPerWindow: env.WRITE_MAX_PER_WINDOW,
      ...(env.WRITE_MAX_PER_IP === undefined ? {} : { maxPerIp: env.WRITE_MAX_PER_IP }),
    },
    listRateLimit: {
      windowSeconds: env.LIST_WINDOW_SECONDS,
      maxPerUser: env.LIST_MAX_PER_USER,
      ...(env.LIST_MAX_PER_IP === undefined ? {} : { maxPerIp: env.LIST_MAX_PER_IP }),
    },
    cliLanguage: env.LANG,
    registrationRateLimit: { windowSeconds: env.REGISTRATION_WINDOW_SECONDS, maxPerIp: env.REGISTRATION_MAX_PER_IP },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, maxAttempts: env.MAIL_MAX_ATTEMPTS },
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    contactConfirmMonths: env.CONTACT_CONFIRM_MONTHS,
    demoMailbox: env.DEMO_MAILBOX,
    demoSmtpPort: env.DEMO_SMTP_PORT,
    sms: { provider: env.SMS_PROVIDER, httpUrl: env.SMS_HTTP_URL, httpToken: env.SMS_HTTP_TOKEN },
    testClock: env.TEST_CLOCK,
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
