/**
 * The report signature: `v1=` + hex HMAC-SHA256(key, "v1:" + timestamp + ":" + raw body bytes), the same shape as
 * Slack's request signature so the script and the listener agree on one simple rule. The timestamp must lie within
 * five minutes of the listener's clock (passed in), so a captured report cannot be replayed later; within the window
 * the report id stops a replay.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a report's timestamp may be from the listener's clock, either way. */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export function reportSignature(key: string, timestamp: string, body: Uint8Array): string {
  const mac = createHmac('sha256', key);
  mac.update(`v1:${timestamp}:`, 'utf8');
  mac.update(body);
  return `v1=${mac.digest('hex')}`;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'missing' | 'timestamp' | 'signature' };

/**
 * Whether `signature` signs `body` at `timestamp` with `key`, and the timestamp is within the window of `now`.
 * Compared in constant time, so the answer's timing tells nothing of the right signature.
 */
export function checkReportSignature(input: {
  readonly key: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly body: Uint8Array;
  readonly now: Date;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp' };
  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp));
  if (skew > TIMESTAMP_WINDOW_SECONDS) return { ok: false, reason: 'timestamp' };
  const expected = Buffer.from(reportSignature(input.key, timestamp, input.body), 'utf8');
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  return { ok: true };
}
