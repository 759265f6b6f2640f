import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateCronExpression } from 'cron';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a URL like postgres://user:password@host:5432/database');

/** A cron expression's five fields (minute, hour, day of month, month, day of week). */
const CRON_FIVE_FIELDS = /^\S+( \S+){4}$/;

const envSchema = z.object({
  PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  PSEUDONYM_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. 64 hex digits from `openssl rand -hex 32`)')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DISCLOSURE_CONTROL: z.enum(['on', 'off']).default('on'),
  DEMO_PRACTICES: z.coerce.number().int().min(1).max(10000).default(40),
  DEMO_PATIENTS: z.coerce.number().int().min(100).max(100_000_000).default(300_000),
  DEMO_YEARS: z.coerce.number().int().min(1).max(20).default(5),
  LOGIN_RATE_LIMIT: z.coerce.number().int('must be a whole number').min(1).max(10000).default(10),
  // The weekly alerts email; unset SMTP_HOST means no digest is sent.
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['on', 'off']).default('off'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().regex(/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/, 'must be an address, e.g. insights@example.nhs.uk or PCSP Insights <insights@example.nhs.uk>').optional(),
  DIGEST_SCHEDULE: z
    .string()
    .regex(CRON_FIVE_FIELDS, 'must be a cron expression of 5 fields, e.g. "0 7 * * 1"')
    // Checked by the parser that will schedule it, so that a field out of range stops start-up here, named.
    .superRefine((value, ctx) => {
      const { valid, error } = validateCronExpression(value);
      if (!valid && CRON_FIVE_FIELDS.test(value)) ctx.addIssue({ code: 'custom', message: `is not a schedule cron can run: ${error?.message ?? 'invalid'}` });
    })
    .default('0 7 * * 1'),
}).superRefine(
  (env, ctx) => {
    if (env.SMTP_HOST !== undefined && env.SMTP_FROM === undefined) ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'must be set when SMTP_HOST is (the sender of the alerts email)' });
    if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) ctx.addIssue({ code: 'custom', path: [env.SMTP_USER === undefined ? 'SMTP_USER' : 'SMTP_PASSWORD'], message: 'SMTP_USER and SMTP_PASSWORD go together' });
  },
  // zod skips an object's refinements once a field is of the wrong type (PORT=abc); these only ask
  // which settings are present, true of the raw values too, so they run always: every problem at once.
  { when: () => true },
);

export type Environment = z.infer<typeof envSchema>;

export interface AppConfig {
  port: number;
  host: string;
  /** Set when the deployment provides its own Postgres; otherwise an embedded server under dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** HMAC key for NHS number pseudonyms. Never log it. */
  pseudonymKey: string;
  logLevel: (typeof LOG_LEVELS)[number];
  nodeEnv: 'development' | 'production' | 'test';
  disclosureControl: boolean;
  demo: { practices: number; patients: number; years: number };
  /** Login attempts allowed per client address per minute. */
  loginRateLimit: number;
  /** Where the weekly alerts email goes out; undefined = no digest. Never log the password. */
  smtp: { host: string; port: number; secure: boolean; user: string | undefined; password: string | undefined; from: string } | undefined;
  /** When the weekly digest is sent (cron, server time). */
  digestSchedule: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; every problem is reported together, by setting name. */
export function parseEnvironment(env: NodeJS.ProcessEnv): Environment {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const given = name === 'PSEUDONYM_KEY' || name === 'DATABASE_URL' || name === 'SMTP_PASSWORD' || !(name in present) ? '' : ` (got "${String(present[name])}")`;
      return `${name}: ${issue.message}${given}`;
    });
    throw new ConfigError(problems);
  }
  return result.data;
}

/**
 * The typed configuration. When PSEUDONYM_KEY is unset, a key is generated on first start and
 * kept in DATA_DIR/pseudonym.key (mode 0600) so that pseudonyms stay stable across restarts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const parsed = parseEnvironment(env);
  const dataDir = resolve(cwd, parsed.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    pseudonymKey: parsed.PSEUDONYM_KEY ?? readOrCreateKey(join(dataDir, 'pseudonym.key')),
    logLevel: parsed.LOG_LEVEL,
    nodeEnv: parsed.NODE_ENV,
    disclosureControl: parsed.DISCLOSURE_CONTROL === 'on',
    demo: { practices: parsed.DEMO_PRACTICES, patients: parsed.DEMO_PATIENTS, years: parsed.DEMO_YEARS },
    loginRateLimit: parsed.LOGIN_RATE_LIMIT,
    smtp:
      parsed.SMTP_HOST === undefined
        ? undefined
        : { host: parsed.SMTP_HOST, port: parsed.SMTP_PORT, secure: parsed.SMTP_SECURE === 'on', user: parsed.SMTP_USER, password: parsed.SMTP_PASSWORD, from: parsed.SMTP_FROM as string },
    digestSchedule: parsed.DIGEST_SCHEDULE,
  };
}

function readOrCreateKey(file: string): string {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < 32) throw new ConfigError([`${file}: the stored pseudonymisation key is shorter than 32 characters`]);
    return key;
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
