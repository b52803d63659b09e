// Tests wait for a condition, never for a fixed time: a fixed sleep is too short on a loaded machine and, before a
// "nothing happened" assertion, proves nothing (the work may simply not have run yet). For the bot's own work use
// TestBot.idle() (the work queue is drained) and fake.waitFor() (a call reached the fake Slack); for anything else,
// waitUntil().

/** How often the condition is looked at again: often enough not to slow a test, rarely enough not to load the CPU. */
const POLL_MS = 10;

/**
 * Resolves once `cond` is true (looked at now, then every POLL_MS); rejects naming `what` after `timeoutMs`.
 * `what` may be a function, for a message that says what was seen by then (a child's stderr, the calls so far).
 */
export async function waitUntil(what: string | (() => string), cond: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await cond())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
