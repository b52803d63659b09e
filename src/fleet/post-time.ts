/**
 * When a subscription posts. croner answers "when is the next HH:MM in this zone" (DST-correct: a time skipped by
 * DST runs at the first valid time after it, a repeated time runs once, the first time); Intl answers "which local
 * date is this instant". No offset arithmetic of our own. Pure: no clock, no store.
 */
import { Cron } from 'croner';

/** What of a subscription decides when it posts. */
export interface PostSchedule {
  /** HH:MM, local to timeZone. */
  readonly postTime: string;
  /** IANA time zone. */
  readonly timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats a date as YYYY-MM-DD; h23 keeps midnight 00, not 24.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): { readonly date: string; readonly time: string } {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** `YYYY-MM-DD HH:MM` of an ISO instant in a time zone. */
export function formatLocal(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${p.date} ${p.time}`;
}

/**
 * ISO 8601 to the minute with the zone's offset at that instant (`2026-11-25T21:00+09:00`; `Z` at UTC): what a terminal
 * prints, unambiguous wherever it is read.
 */
export function formatIso(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const p = localParts(at, timeZone);
  const [y, mo, d] = p.date.split('-').map(Number) as [number, number, number];
  const [h, mi] = p.time.split(':').map(Number) as [number, number];
  const offset = Math.round((Date.UTC(y, mo - 1, d, h, mi) - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${p.date}T${p.time}${zone}`;
}

function job(s: PostSchedule): Cron {
  const [h, m] = s.postTime.split(':').map(Number);
  return new Cron(`${m} ${h} * * *`, { timezone: s.timeZone, paused: true });
}

/** The next time a subscription posts after `from`; null when its time or zone is not valid. */
export function nextPostTime(s: PostSchedule, from: Date): Date | null {
  try {
    return job(s).nextRun(from);
  } catch {
    return null;
  }
}

/** No zone is more than 14 h ahead of UTC: a local date never begins before this instant. */
const MAX_AHEAD_MS = 14 * 3_600_000;

/** The instant a subscription posts on a local date (croner's run of that date). Throws on a bad time or zone. */
export function postTimeOn(s: PostSchedule, localDate: string): Date {
  const cron = job(s);
  let run: Date | null = new Date(Date.parse(`${localDate}T00:00:00Z`) - MAX_AHEAD_MS - 1);
  // Daily runs: at most two steps from the day before to the date asked for.
  while ((run = cron.nextRun(run))) {
    const date = localParts(run, s.timeZone).date;
    if (date === localDate) return run;
    if (date > localDate) break;
  }
  throw new Error(`no ${s.postTime} run on ${localDate} in ${s.timeZone}`);
}

/** Whether a subscription's post is due at `now` (its local today), and for which local date. */
export function dueToday(s: PostSchedule & { readonly createdAt: string }, now: Date): { due: boolean; localDate: string; dueAt: Date } {
  const localDate = localParts(now, s.timeZone).date;
  const dueAt = postTimeOn(s, localDate);
  // Due from the post time on, if the subscription existed by then (one made later starts tomorrow).
  const due = now.getTime() >= dueAt.getTime() && s.createdAt <= dueAt.toISOString();
  return { due, localDate, dueAt };
}
