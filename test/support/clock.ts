// Business time in tests: a fixed date, whatever the system clock says (the suite also runs under
// `faketime -f '+400d'` and `-400d`). Bots started by tests and CLI processes they spawn use it.
import { clockStartingAt, type Clock } from '../../src/clock.js';

/** The instant tests run at: Tokyo 21:00 on 2026-11-25 (a daily post at 08:30 there is due at 2026-11-25T23:30Z). */
export const TEST_NOW = '2026-11-25T12:00:00.000Z';

/** A clock that starts at TEST_NOW (or `start`) and runs at the real pace. */
export function testClock(start: string = TEST_NOW): Clock {
  return clockStartingAt(new Date(start));
}

/** The app's own environment variables: a developer's shell must not leak them into a spawned CLI. */
const APP_VARS =
  /^(SLACK_|KB954960_|DATABASE_PATH$|DATABASE_URL$|PORT$|HOST$|INGEST_|BOT_LANG$|STATUS_|ADMIN_USER_IDS$|MAX_FILE_BYTES$|HISTORY_DAYS$|LOG_LEVEL$)/;

/**
 * The environment for a child process the tests spawn: this process's own (so libfaketime's LD_PRELOAD and FAKETIME
 * reach the child and both see one system clock), minus the app's variables, plus KB954960_NOW = TEST_NOW, plus `extra`.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!APP_VARS.test(k)) env[k] = v;
  return { ...env, KB954960_NOW: TEST_NOW, ...extra };
}
