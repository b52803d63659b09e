import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/log.js';
import { AckGate } from '../src/slack/queue/ack-gate.js';
import { Pump } from '../src/slack/queue/pump.js';

/*
 * The gate's timers (the linger after the last answer, the longest wait) are what is under test: these run on
 * vitest's clock, moved by hand, so "not started yet" is checked after the time in which a wrong gate would have
 * started it (well past the linger, well short of the longest wait of 200 ms), not after a guess at wall time.
 */
const handClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
const MORE_THAN_THE_LINGER = 50;

describe('AckGate: work waits for the acks Slack is waiting on', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts no task while a request is unanswered, and starts it once the last one is answered', async () => {
    handClock();
    const gate = new AckGate();
    const pump = new Pump(createLogger('silent'), gate);
    const answerFirst = gate.enter();
    const answerSecond = gate.enter();
    const ran: string[] = [];
    pump.run('work', async () => ran.push('work'));
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual([]);
    answerFirst();
    answerFirst(); // a response's finish and close both report it: counted once
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual([]);
    expect(gate.pending).toBe(1);
    answerSecond();
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER); // 150 ms in all: the answers, not the longest wait, let it go
    expect(ran).toEqual(['work']);
    await pump.drain();
    expect(gate.pending).toBe(0);
  });

  it('waits out a short gap between two requests of a burst (the count touching zero is not the end of it)', async () => {
    handClock();
    const gate = new AckGate();
    const pump = new Pump(createLogger('silent'), gate);
    const ran: string[] = [];
    gate.enter()();
    pump.run('work', async () => ran.push('work'));
    const next = gate.enter(); // the next request of the burst, within LINGER_MS of the last answer
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual([]);
    next();
    await vi.advanceTimersByTimeAsync(MORE_THAN_THE_LINGER);
    expect(ran).toEqual(['work']);
    await pump.drain();
  });

  it('lets work start after the longest wait even if requests never stop coming', async () => {
    const gate = new AckGate();
    gate.enter(); // never answered
    const started = performance.now();
    await gate.whenClear(40);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    const pump = new Pump(createLogger('silent'), gate);
    const ran: number[] = [];
    pump.run('work', async () => ran.push(1));
    await pump.drain(); // resolves: the pump's own cap (200 ms) lets the task run
    expect(ran).toEqual([1]);
  });

  it('does not pile up waiters under a steady stream (each timed-out wait is dropped)', async () => {
    const gate = new AckGate();
    const answer = gate.enter();
    await Promise.all(Array.from({ length: 20 }, () => gate.whenClear(1)));
    expect((gate as unknown as { clear: unknown[] }).clear).toHaveLength(0);
    answer();
  });
});
