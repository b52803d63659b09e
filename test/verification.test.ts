import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check, inlineScan } from '../src/check.js';
import { RULES } from '../src/detect/rules.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { serverState } from '../src/diagnose/server-state.js';
import { CHECK_TAG, VERIFY_BLOCKS } from '../src/kb954960.js';
import { renderText } from '../src/render/text.js';
import type { Storage } from '../src/store/port.js';
import { tempStorage } from './support/storage.js';

const NOW = '2026-11-24T00:00:00.000Z';
const read = (text: string, serverName?: string) => diagnose(scanText(text), { lang: 'en', now: NOW, serverName });

/** A console as an admin copies it: the prompt and typed commands, then what they printed. */
function powershellConsole(computer: string, out: { wsus: string; dll: string; event: string }): string {
  return [
    ...VERIFY_BLOCKS.powershell.map((l) => `PS C:\\Users\\admin> ${l}`),
    `${CHECK_TAG} computer=${computer} wsus=${out.wsus}`,
    `${CHECK_TAG} computer=${computer} dll=${out.dll}`,
    `${CHECK_TAG} computer=${computer} event1022=${out.event}`,
  ].join('\r\n');
}

function cmdConsole(computer: string, out: { wsus: string; dll: string; event: string }): string {
  // cmd echoes each typed line after the prompt, and `for` prints its output; wmic leaves a stray CR.
  return [
    `C:\\>${VERIFY_BLOCKS.cmd[0]}`,
    `${CHECK_TAG} computer=${computer} wsus=${out.wsus}`,
    `C:\\>${VERIFY_BLOCKS.cmd[1]}`,
    `C:\\>${VERIFY_BLOCKS.cmd[2]}`,
    `${CHECK_TAG} computer=${computer} dll=${out.dll}\r`,
    `C:\\>${VERIFY_BLOCKS.cmd[3]}`,
    `C:\\>${VERIFY_BLOCKS.cmd[4]}`,
    `${CHECK_TAG} computer=${computer} event1022=${out.event}`,
  ].join('\r\n');
}

describe('the verification blocks', () => {
  it('are one block per shell, every fact printed with the computer name', () => {
    for (const block of [VERIFY_BLOCKS.powershell, VERIFY_BLOCKS.cmd]) {
      const text = block.join('\n');
      for (const fact of ['wsus=', 'dll=', 'event1022=']) expect(text).toContain(fact);
      expect(text).toMatch(/computer=(\$c|%COMPUTERNAME%)/);
    }
  });

  it('never match the rules themselves: typed commands echoed in a console are not facts', () => {
    const commands = [...VERIFY_BLOCKS.powershell, ...VERIFY_BLOCKS.cmd].join('\n');
    const scan = scanText(commands);
    const facts = scan.findings.filter((f) => ['version', 'fix'].includes(RULES.find((r) => r.id === f.rule)!.role));
    expect(facts).toEqual([]);
  });
});

describe('verification output read back, named for its server', () => {
  const shapes = [
    ['PowerShell', powershellConsole],
    ['cmd', cmdConsole],
  ] as const;

  for (const [shell, consoleOf] of shapes) {
    it(`${shell}: fixed DLL and event present → fixed, for that computer`, () => {
      const d = read(consoleOf('WSUS01', { wsus: '3.1.6001.65', dll: '3.1.6001.66', event: 'present 2008-08-13' }));
      expect(d.server).toBe('wsus01');
      // The event's own date, as the verification command prints it: the fix counts from then.
      expect(d.learned).toEqual({
        wsusVersion: '3.1.6001.65',
        dllVersion: '3.1.6001.66',
        fixEvent: true,
        fixEventOn: '2008-08-13T00:00:00.000Z',
        affected: false,
      });
      expect(d.verdict).toBe('fixed');
      expect(d.evidence).toHaveLength(3);
    });

    it(`${shell}: SP1 without the fix, event absent → vulnerable; absent is evidence`, () => {
      const d = read(consoleOf('WSUS02', { wsus: '3.1.6001.65', dll: '3.1.6001.65', event: 'absent' }));
      expect(d).toMatchObject({ server: 'wsus02', verdict: 'vulnerable', serverState: 'vulnerable', hasEvidence: true });
      expect(d.learned.fixEvent).toBe(false);
    });

    it(`${shell}: only the event absent is still evidence, not a fix`, () => {
      const d = read(`${CHECK_TAG} computer=WSUS03 event1022=absent`);
      expect(d).toMatchObject({ server: 'wsus03', hasEvidence: true, learned: { fixEvent: false } });
      expect(d.verdict).not.toBe('fixed');
    });

    it(`${shell}: WSUS 4.0 → clean, KB954960 does not apply`, () => {
      const d = read(consoleOf('WSUS4', { wsus: '6.3.9600.18228', dll: '6.3.9600.18228', event: 'absent' }));
      expect(d).toMatchObject({ server: 'wsus4', verdict: 'clean', serverState: 'not-applicable' });
    });
  }

  it('a DLL or WSUS that is absent records no version', () => {
    const d = read(`${CHECK_TAG} computer=WSUS05 wsus=absent\n${CHECK_TAG} computer=WSUS05 dll=absent`);
    expect(d.learned).toEqual({ affected: false });
    expect(d.hasEvidence).toBe(true);
  });

  it('the computer in the output wins over a name given alongside, and facts of another computer stay out', () => {
    const text = [`${CHECK_TAG} computer=WSUS01 dll=3.1.6001.65`, `${CHECK_TAG} computer=WSUS02 dll=3.1.6001.66`].join('\n');
    const d = read(text, 'wsus09');
    expect(d.server).toBe('wsus01');
    expect(d.learned.dllVersion).toBe('3.1.6001.65');
    expect(d.notes).toContainEqual({ kind: 'other-servers', servers: ['wsus02'] });
  });

  it('the older outputs (no computer name) are still read', () => {
    const d = read('Microsoft.UpdateServices.WebServices.Client.dll 3.1.6001.66', 'wsus01');
    expect(d).toMatchObject({ server: 'wsus01', verdict: 'fixed', learned: { dllVersion: '3.1.6001.66' } });
  });

  it('a reply that asks to verify shows both blocks', () => {
    const text = renderText(read(`${CHECK_TAG} computer=WSUS02 dll=3.1.6001.65`));
    expect(text).toContain(VERIFY_BLOCKS.powershell[2]);
    expect(text).toContain(VERIFY_BLOCKS.cmd[4]);
  });
});

describe('recorded for the server the output names', () => {
  let t: { storage: Storage; close(): Promise<void> };
  beforeEach(async () => {
    t = await tempStorage();
  });
  afterEach(() => t.close());
  const facts = (name: string) => t.storage.servers.facts(name);

  const paste = (text: string, at: string, mayRecordFacts = true) =>
    check(
      { inputs: [{ chunks: [Buffer.from(text)] }], lang: 'en', now: new Date(at), mayRecordFacts, from: { origin: 'message' } },
      { storage: t.storage, scan: inlineScan(1e6) },
    );

  it('a non-admin\'s "event absent" neither records nor clears anything', async () => {
    await paste(`${CHECK_TAG} computer=WSUS06 event1022=present 2008-08-13`, '2026-11-01T00:00:00Z');
    const r = await paste(`${CHECK_TAG} computer=WSUS06 event1022=absent`, '2026-11-02T00:00:00Z', false);
    expect(r.withheld).toEqual({ server: 'wsus06', fixEvent: false });
    expect((await facts('wsus06'))!.fixEventAt).toBe('2008-08-13T00:00:00.000Z'); // the event's own date, kept
  });

  it('marks the server fixed, and a later "event absent" clears the event-only proof', async () => {
    await paste(`${CHECK_TAG} computer=WSUS01 event1022=present 2008-08-13`, '2026-11-01T00:00:00Z');
    expect(serverState(await facts('wsus01'))).toBe('fixed');
    await paste(`${CHECK_TAG} computer=WSUS01 event1022=absent\n${CHECK_TAG} computer=WSUS01 wsus=3.1.6001.65`, '2026-11-02T00:00:00Z');
    expect(await facts('wsus01')).toMatchObject({ fixEventAt: null, wsusVersion: '3.1.6001.65' });
    expect(serverState(await facts('wsus01'))).toBe('vulnerable');
    await paste(powershellConsole('WSUS01', { wsus: '3.1.6001.65', dll: '3.1.6001.66', event: 'present 2008-08-13' }), '2026-11-03T00:00:00Z');
    expect(serverState(await facts('wsus01'))).toBe('fixed');
    expect(await t.storage.history.list({ server: 'wsus01' })).toHaveLength(3);
  });
});
