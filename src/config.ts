import { clockStartingAt, systemClock, type Clock } from './clock.js';
import { DEFAULT_LANG, LANGS, type Lang } from './lang.js';

/** A bad environment: one line naming the variable, exit 2. Never echoes a secret's value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Plain checks, not a schema library: every CLI run reads the environment, and loading zod (≈95 modules) cost a
// `scan` more start-up time than the scan of a small log itself.

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Reads one variable: trimmed, '' as unset; a failed check throws ConfigError naming the variable. */
function reader(env: NodeJS.ProcessEnv) {
  const fail = (name: string, message: string): never => {
    throw new ConfigError(`${name}: ${message}`);
  };
  const text = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  return {
    text,
    /** The default is known good and not checked: the time-zone and URL checks cost a CLI run ~100 ms (ICU, URL). */
    checked(name: string, fallback: string, ok: (v: string) => boolean, message: string): string {
      const v = text(name);
      if (v === undefined) return fallback;
      return ok(v) ? v : fail(name, message);
    },
    secret(name: string, prefix: string): string | undefined {
      const v = text(name);
      return v === undefined || v.startsWith(prefix) ? v : fail(name, `must start with ${prefix}`);
    },
    wholeNumber(name: string, fallback: number, min: number, max: number, tooBig?: string): number {
      const v = text(name);
      if (v === undefined) return fallback;
      const n = /^[+]?\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isSafeInteger(n) || n < min) return fail(name, `must be a whole number from ${min} to ${max} (got '${v}')`);
      return n <= max ? n : fail(name, tooBig ?? `must be a whole number from ${min} to ${max} (got '${v}')`);
    },
    oneOf<T extends string>(name: string, values: readonly T[], fallback: T, message: string): T {
      const v = text(name) ?? fallback;
      return (values as readonly string[]).includes(v) ? (v as T) : fail(name, message);
    },
    fail,
  };
}

function httpUrl(v: string): boolean {
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
}

export interface Config {
  readonly slack: {
    readonly botToken?: string;
    readonly appToken?: string;
    readonly signingSecret?: string;
    readonly apiUrl: string;
  };
  readonly port: number;
  readonly host: string;
  /** Fleet reports (POST /ingest/v1/reports): off (null) unless INGEST_PORT is set; its own port, apart from Slack's. */
  readonly ingest: { readonly port: number | null; readonly host: string };
  readonly databasePath: string;
  /** postgres://…: the data lives in PostgreSQL (replicas on several machines share it) instead of DATABASE_PATH. */
  readonly databaseUrl?: string;
  readonly lang: Lang;
  readonly statusTime: string;
  readonly statusTimeZone: string;
  /** Empty: everyone may change server facts and subscriptions. */
  readonly adminUserIds: readonly string[];
  readonly maxFileBytes: number;
  readonly historyDays: number;
  readonly logLevel: LogLevel;
  /** The process's notion of now: the system clock, or one started at KB954960_NOW (tests, replays). */
  readonly clock: Clock;
}

/** Reads the environment. `forServe` also demands what the Slack bot needs (the CLI's scan does not). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { forServe?: boolean } = {}): Config {
  const read = reader(env);
  const apiUrl = read.checked('SLACK_API_URL', 'https://slack.com/api/', httpUrl, 'must be an http(s) URL such as https://slack.com/api/');
  const adminUserIds = (env.ADMIN_USER_IDS ?? '').split(/[\s,]+/).filter(Boolean);
  if (!adminUserIds.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id))) read.fail('ADMIN_USER_IDS', 'must be Slack user IDs (U…/W…), comma-separated');
  const now = read.text('KB954960_NOW');
  if (now !== undefined && !(/^\d{4}-\d{2}-\d{2}T/.test(now) && !Number.isNaN(Date.parse(now)))) {
    read.fail('KB954960_NOW', 'must be an ISO date-time such as 2026-01-15T09:00:00Z');
  }
  const config: Config = {
    slack: {
      botToken: read.secret('SLACK_BOT_TOKEN', 'xoxb-'),
      appToken: read.secret('SLACK_APP_TOKEN', 'xapp-'),
      signingSecret: read.text('SLACK_SIGNING_SECRET'),
      apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    },
    port: read.wholeNumber('PORT', 3000, 0, 65535),
    host: read.text('HOST') ?? '0.0.0.0',
    ingest: {
      port: read.text('INGEST_PORT') === undefined ? null : read.wholeNumber('INGEST_PORT', 0, 0, 65535),
      host: read.text('INGEST_HOST') ?? read.text('HOST') ?? '0.0.0.0',
    },
    databasePath: read.text('DATABASE_PATH') ?? './data/kb954960.db',
    // Checked by its scheme only, and never echoed: the URL may hold a password.
    databaseUrl:
      read.text('DATABASE_URL') === undefined
        ? undefined
        : read.checked('DATABASE_URL', '', (v) => /^postgres(ql)?:\/\/\S+$/.test(v), 'must be a postgres://user:password@host:5432/database URL'),
    lang: read.oneOf('BOT_LANG', LANGS, DEFAULT_LANG, `must be ${LANGS.join(' or ')}`),
    statusTime: read.checked('STATUS_TIME', '09:00', (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'must be HH:MM (24-hour), e.g. 09:00'),
    statusTimeZone: read.checked('STATUS_TIMEZONE', 'Asia/Tokyo', isTimeZone, 'must be an IANA time zone such as Asia/Tokyo'),
    adminUserIds,
    maxFileBytes: read.wholeNumber('MAX_FILE_BYTES', 104_857_600, 1, 2 ** 31, 'must be at most 2147483648'),
    historyDays: read.wholeNumber('HISTORY_DAYS', 365, 1, 36500),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info', `must be one of ${LOG_LEVELS.join(', ')}`),
    clock: now !== undefined ? clockStartingAt(new Date(now)) : systemClock,
  };
  if (options.forServe) {
    if (!config.slack.botToken) throw new ConfigError('SLACK_BOT_TOKEN: required to run the bot (xoxb-…, from "OAuth & Permissions")');
    if (!config.slack.appToken && !config.slack.signingSecret) {
      throw new ConfigError('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN, xapp-…, for Socket Mode)');
    }
  }
  return config;
}
