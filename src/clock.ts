/**
 * Time is passed in, never read deep inside: every component that needs "now" takes a Clock.
 *
 * The process's clock is the system clock, unless KB954960_NOW names an instant: then the clock starts there and
 * advances with the real elapsed time (a `serve` under it still sees time pass). Tests and replays use that to run
 * on a date of their choosing; nothing else does.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that reads `start` now and runs on at the real pace (monotonic: a system clock step does not move it). */
export function clockStartingAt(start: Date): Clock {
  const origin = performance.now();
  const at = start.getTime();
  return () => new Date(at + (performance.now() - origin));
}
