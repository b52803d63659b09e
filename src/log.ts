import { pino, type Logger as Pino, type DestinationStream } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

export type Logger = Pino;

/** Anything shaped like a Slack token or signing secret, wherever it hides in a log line. */
const SECRET = /\b(xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)\b/g;

/** Field paths that carry secrets (pino redacts them before serialising). */
const REDACT = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  // One level deeper too: `logger.info({ config })` puts the secrets at config.slack.*.
  '*.*.token',
  '*.*.botToken',
  '*.*.appToken',
  '*.*.signingSecret',
  '*.*.authorization',
  '*.*.Authorization',
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
];

/** An Authorization header's bearer credentials, whatever the token looks like. */
const BEARER = /\b([Bb]earer)\s+[A-Za-z0-9._~+/-]{8,}=*/g;

export function scrubSecrets(text: string): string {
  return text.replace(BEARER, '$1 [redacted]').replace(SECRET, (m) => `${m.slice(0, 5)}[redacted]`);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kb954960-bot' },
      redact: { paths: REDACT, censor: '[redacted]' },
      // Message strings (Bolt's and the Web API client's) can carry tokens in URLs or errors: scrub them too.
      hooks: {
        // The last line of defence: a token-shaped string anywhere in the finished line (nested objects, headers,
        // URLs in error data) is scrubbed before it is written.
        streamWrite: scrubSecrets,
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          const err = object.err as { message?: string; stack?: string } | undefined;
          if (err && typeof err === 'object') {
            if (typeof err.message === 'string') err.message = scrubSecrets(err.message);
            if (typeof err.stack === 'string') err.stack = scrubSecrets(err.stack);
          }
          return object;
        },
      },
    },
    destination,
  );
}

const TO_PINO: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt's Logger interface over pino, so Bolt's and the Web API client's lines land in the same stream. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const text = (msg: unknown[]) => scrubSecrets(msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' '));
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (l) => {
      level = l;
      child.level = TO_PINO[l];
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
