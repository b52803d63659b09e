import { z } from 'zod';
import { clockStartingAt, systemClock, type Clock } from './clock.js';
import type { Lang } from './detect/types.js';

/** A bad environment: one line naming the variable, exit 2. Never echoes a secret's value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const optionalSecret = (prefix: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.startsWith(prefix), { message: `must start with ${prefix}` });

const schema = z.object({
  SLACK_BOT_TOKEN: optionalSecret('xoxb-'),
  SLACK_APP_TOKEN: optionalSecret('xapp-'),
  SLACK_SIGNING_SECRET: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://slack.com/api/' })
    .default('https://slack.com/api/')
    .transform((v) => (v.endsWith('/') ? v : `${v}/`)),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().trim().min(1).default('./data/kb954960.db'),
  BOT_LANG: z.enum(['en', 'ja'], { message: 'must be en or ja' }).default('en'),
  STATUS_TIME: z.string().trim().regex(HHMM, 'must be HH:MM (24-hour), e.g. 09:00').default('09:00'),
  STATUS_TIMEZONE: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Asia/Tokyo').default('Asia/Tokyo'),
  ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), 'must be Slack user IDs (U…/W…), comma-separated'),
  MAX_FILE_BYTES: z.coerce.number().int().positive().max(2 ** 31, 'must be at most 2147483648').default(104_857_600),
  HISTORY_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KB954960_NOW: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))), 'must be an ISO date-time such as 2026-01-15T09:00:00Z'),
});

export interface Config {
  readonly slack: {
    readonly botToken?: string;
    readonly appToken?: string;
    readonly signingSecret?: string;
    readonly apiUrl: string;
  };
  readonly port: number;
  readonly host: string;
  readonly databasePath: string;
  readonly lang: Lang;
  readonly statusTime: string;
  readonly statusTimeZone: string;
  /** Empty: everyone may change server facts and subscriptions. */
  readonly adminUserIds: readonly string[];
  readonly maxFileBytes: number;
  readonly historyDays: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The process's notion of now: the system clock, or one started at KB954960_NOW (tests, replays). */
  readonly clock: Clock;
}

/** Reads the environment. `forServe` also demands what the Slack bot needs (the CLI's scan does not). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { forServe?: boolean } = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  }
  const e = parsed.data;
  const config: Config = {
    slack: { botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL },
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    lang: e.BOT_LANG,
    statusTime: e.STATUS_TIME,
    statusTimeZone: e.STATUS_TIMEZONE,
    adminUserIds: e.ADMIN_USER_IDS,
    maxFileBytes: e.MAX_FILE_BYTES,
    historyDays: e.HISTORY_DAYS,
    logLevel: e.LOG_LEVEL,
    clock: e.KB954960_NOW ? clockStartingAt(new Date(e.KB954960_NOW)) : systemClock,
  };
  if (options.forServe) {
    if (!config.slack.botToken) throw new ConfigError('SLACK_BOT_TOKEN: required to run the bot (xoxb-…, from "OAuth & Permissions")');
    if (!config.slack.appToken && !config.slack.signingSecret) {
      throw new ConfigError('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN, xapp-…, for Socket Mode)');
    }
  }
  return config;
}
