/** Wall-clock time in an IANA time zone, with Intl only (DST-correct, no dependency). */

export interface LocalParts {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM, 24-hour */
  readonly time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function fields(ms: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { y: out.year!, mo: out.month!, d: out.day!, h: out.hour! % 24, mi: out.minute!, s: out.second! };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const f = fields(at.getTime(), timeZone);
  return { date: `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}`, time: `${pad(f.h)}:${pad(f.mi)}` };
}

/** Local minus UTC, in minutes, at an instant. */
export function offsetMinutes(ms: number, timeZone: string): number {
  const f = fields(ms, timeZone);
  const asUtc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant a local date and HH:MM happen in a time zone. A time that occurs twice (DST ends) gives the first;
 * a time that does not occur (DST starts) gives the instant the clocks jump over it, i.e. the first valid time after.
 */
export function zonedTimeToUtc(localDate: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = localDate.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Try the offsets in force around that wall time; keep the earliest instant that shows that wall time.
  const candidates = new Set<number>();
  for (const probe of [wall - 36e5 * 14, wall, wall + 36e5 * 14]) candidates.add(wall - offsetMinutes(probe, timeZone) * 60_000);
  for (const c of [...candidates]) candidates.add(wall - offsetMinutes(c, timeZone) * 60_000);
  const exact = [...candidates].filter((c) => {
    const p = localParts(new Date(c), timeZone);
    return p.date === localDate && p.time === hhmm;
  });
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In a gap: the transition itself, where local time jumps past hh:mm.
  const before = Math.min(...candidates);
  let lo = before - 36e5 * 3;
  let hi = before + 36e5 * 3;
  const after = (ms: number) => {
    const p = localParts(new Date(ms), timeZone);
    return p.date > localDate || (p.date === localDate && p.time >= hhmm);
  };
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (after(mid)) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Midnight (or the first instant) of a local date. */
export function startOfLocalDay(localDate: string, timeZone: string): Date {
  return zonedTimeToUtc(localDate, '00:00', timeZone);
}

/** `YYYY-MM-DD HH:MM` of an ISO instant in a time zone. */
export function formatLocal(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${p.date} ${p.time}`;
}
