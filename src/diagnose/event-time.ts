import type { Finding } from '../detect/types.js';

/*
 * A fact counts from the time it happened, not from when it was pasted: a failure from the log lines' own times, the
 * fix's install event from its own date. Log times carry no zone (WindowsUpdate.log is local time): they are read
 * as UTC, which is close enough to order a failure against a fix recorded days apart.
 */

/** A log line's own time (Finding.time) as a UTC ISO string; undefined when it has none or it is no date. */
export function lineTimeUtc(time: string | undefined): string | undefined {
  if (!time) return undefined;
  const ms = Date.parse(/Z$|[+-]\d{2}:?\d{2}$/.test(time) ? time : `${time}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * When a failure happened: the newest of its lines' own times. Undefined when a line has no time (a fragment pasted
 * without its timestamps): then the paste's time is all there is.
 */
export function failureTime(lines: readonly Finding[]): string | undefined {
  const times = lines.map((f) => lineTimeUtc(f.time));
  if (times.length === 0 || times.some((t) => t === undefined)) return undefined;
  return (times as string[]).sort().at(-1);
}

const YMD = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/;
const MDY = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const HMS = /\b(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AP]M))?/i;

/**
 * The date (and time, when printed) on an event line: event 1022 as the Event Viewer, wmic or the verification
 * commands print it (`2008-08-13`, `08/13/2008 10:12:33`, `8/13/2008 10:12:33 AM`, `2008/08/13 10:12:33`). A
 * slashed date reads month first, as Windows prints it in English, unless the first number cannot be a month.
 */
export function dateOnLine(text: string): string | undefined {
  let y: number, mo: number, d: number;
  const ymd = YMD.exec(text);
  const mdy = ymd ? null : MDY.exec(text);
  if (ymd) [y, mo, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (mdy) {
    const [a, b] = [Number(mdy[1]), Number(mdy[2])];
    [y, mo, d] = a > 12 ? [Number(mdy[3]), b, a] : [Number(mdy[3]), a, b];
  } else return undefined;
  let [h, mi, s] = [0, 0, 0];
  const hms = HMS.exec(text);
  if (hms) {
    [h, mi, s] = [Number(hms[1]), Number(hms[2]), Number(hms[3])];
    const ampm = hms[4]?.toUpperCase();
    if (ampm === 'PM' && h < 12) h += 12;
    if (ampm === 'AM' && h === 12) h = 0;
  }
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2008-02-31 over to March: a date that does not exist is no date.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return date.toISOString();
}
