import { describe, expect, it } from 'vitest';
import { scanText } from '../src/detect/scanner.js';
import { diagnose, type Action } from '../src/diagnose/diagnose.js';
import { assessServer, isAffectedNow, serverState, type ServerState } from '../src/diagnose/server-state.js';
import { classifyBuild, parseVersion, type BuildClass } from '../src/diagnose/versions.js';
import { renderDiagnosisBlocks } from '../src/render/diagnosis-blocks.js';
import { noteText } from '../src/render/i18n.js';
import { renderText } from '../src/render/text.js';
import { buildFleetStatus } from '../src/fleet/status.js';
import { KB_CLIENT_EXAMPLE, KB_SERVER_LINE } from './support/fixtures.js';

const NOW = '2026-11-24T00:00:00.000Z';
const at = '2026-01-01T00:00:00.000Z';
const check = (text: string, serverName: string | null = 'wsus01') => diagnose(scanText(text), { lang: 'en', now: NOW, serverName });
const reg = (v: string) => `    VersionString    REG_SZ    ${v}`;
const dll = (v: string) => `Microsoft.UpdateServices.WebServices.Client.dll ${v}`;

/** docs/kb954960.md, "Which servers it applies to" — one row per line of the table. */
const TABLE: readonly {
  row: string;
  versions: readonly string[];
  build: BuildClass;
  /** The state of a server with this VersionString (DLL for sp1-fixed: a VersionString proves no fix). */
  state: ServerState | 'refused';
  verdict?: string;
  actions?: readonly Action[];
}[] = [
  {
    row: '3.0.6000.x — WSUS 3.0 RTM',
    versions: ['3.0.6000.374', '3.0.6000.273'],
    build: 'rtm',
    state: 'needs-sp1',
    verdict: 'vulnerable',
    actions: ['install-sp1-then-fix', 'or-workaround', 'verify-fix'],
  },
  {
    row: '3.1.6001.x below .66 — SP1 without the fix',
    versions: ['3.1.6001.65', '3.1.6001.1'],
    build: 'sp1',
    state: 'vulnerable',
    verdict: 'vulnerable',
    actions: ['install-fix', 'or-workaround', 'verify-fix'],
  },
  {
    row: 'DLL 3.1.6001.66 or a later 3.1.6001 build',
    versions: ['3.1.6001.66', '3.1.6001.70'],
    build: 'sp1-fixed',
    state: 'fixed',
    verdict: 'fixed',
    actions: ['nothing-to-do'],
  },
  {
    row: '3.2.7600.x — WSUS 3.0 SP2 and its updates',
    versions: ['3.2.7600.226', '3.2.7600.251', '3.2.7600.283'],
    build: 'sp2',
    state: 'not-applicable',
    verdict: 'clean',
    actions: [],
  },
  {
    row: 'WSUS 4.0+ (6.2.9200.x, 6.3.9600.x, 10.0.x)',
    versions: ['6.2.9200.16384', '6.3.9600.18228', '10.0.14393.2969', '10.0.17763.1'],
    build: 'wsus4',
    state: 'not-applicable',
    verdict: 'clean',
    actions: [],
  },
  { row: 'any other number — not a WSUS build', versions: ['99.0.0.1', '3.1.6002.66', '13.1.6001.66', '7.6.7600.256'], build: 'not-wsus', state: 'refused' },
];

describe('which servers KB954960 applies to — the table, row by row', () => {
  for (const t of TABLE) {
    describe(t.row, () => {
      it.each(t.versions.map((v) => [v]))('%s classifies as the row says', (v) => {
        expect(classifyBuild(v)).toBe(t.build);
        expect(parseVersion(`v${v}`).ok).toBe(t.build !== 'not-wsus');
      });

      if (t.state === 'refused') {
        it.each(t.versions.map((v) => [v]))('%s is refused as no WSUS build, and stored ones count as unknown', (v) => {
          expect(parseVersion(v)).toEqual({ ok: false, reason: 'not-wsus' });
          expect(serverState({ dllVersion: v, dllVersionAt: at })).toBe('unknown');
          expect(serverState({ wsusVersion: v, wsusVersionAt: at })).toBe('unknown');
          const d = check(dll(v));
          expect(d.learned.dllVersion).toBeUndefined();
          expect(d.verdict).toBe('clean');
        });
        return;
      }

      it.each(t.versions.map((v) => [v]))('%s: server state, verdict and next steps', (v) => {
        const line = t.build === 'sp1-fixed' ? dll(v) : reg(v);
        expect(serverState(t.build === 'sp1-fixed' ? { dllVersion: v, dllVersionAt: at } : { wsusVersion: v, wsusVersionAt: at })).toBe(t.state);
        const d = check(line);
        expect(d.serverState).toBe(t.state);
        expect(d.verdict).toBe(t.verdict);
        expect(d.actions).toEqual(t.actions);
      });
    });
  }

  it('SP2 says once why KB954960 does not apply, and never "install KB954960" or the .66 DLL check (en/ja)', () => {
    for (const lang of ['en', 'ja'] as const) {
      const d = diagnose(scanText(reg('3.2.7600.226')), { lang, now: NOW, serverName: 'wsus01' });
      expect(d.notes.filter((n) => n.kind === 'not-applicable')).toEqual([{ kind: 'not-applicable', reason: 'sp2' }]);
      const text = renderText(d);
      expect(text).toContain(lang === 'en' ? 'KB954960 does not apply: this server runs WSUS 3.0 SP2' : 'KB954960 は該当しません');
      expect(text).not.toMatch(/Install KB954960|KB954960 を適用/);
      expect(text).not.toContain('3.1.6001.66');
      expect(text).not.toContain('KB954960-CHECK');
    }
  });

  it('WSUS 4.0 gets the same kind of answer: clean, with the not-applicable line', () => {
    const d = check(reg('6.3.9600.18228'));
    expect(d).toMatchObject({ verdict: 'clean', serverState: 'not-applicable' });
    expect(noteText(d.notes.find((n) => n.kind === 'not-applicable')!, 'en')).toContain('WSUS 4.0 or later');
  });

  it('the signature on an SP2 server is another failure: clean for KB954960, investigate, no install', () => {
    const d = check(`${KB_SERVER_LINE}\n${reg('3.2.7600.283')}`, null);
    expect(d.verdict).toBe('clean');
    expect(d.actions).toEqual(['investigate-other-cause']);
    expect(d.evidence.length).toBeGreaterThan(1);
    expect(isAffectedNow({ wsusVersion: '3.2.7600.283', lastAffectedAt: at })).toBe(false);
  });
});

describe('conflicting facts are shown, not guessed', () => {
  it.each([
    ['RTM VersionString with a 3.2 DLL', { wsusVersion: '3.0.6000.374', dllVersion: '3.2.7600.226' }],
    ['RTM VersionString with the fixed DLL', { wsusVersion: '3.0.6000.374', dllVersion: '3.1.6001.66' }],
    ['SP2 VersionString with an SP1 DLL', { wsusVersion: '3.2.7600.226', dllVersion: '3.1.6001.65' }],
    ['WSUS 4.0 VersionString with a 3.1 DLL', { wsusVersion: '6.3.9600.18228', dllVersion: '3.1.6001.66' }],
  ])('%s', (_name, facts) => {
    expect(assessServer({ ...facts, dllVersionAt: at, wsusVersionAt: at })).toEqual({
      state: 'conflict',
      conflict: { wsusVersion: facts.wsusVersion, dllVersion: facts.dllVersion },
    });
  });

  it("the fix's install event on an RTM server is a conflict too", () => {
    expect(serverState({ wsusVersion: '3.0.6000.374', fixEventAt: at })).toBe('conflict');
  });

  it('agreeing facts are no conflict', () => {
    expect(serverState({ wsusVersion: '3.1.6001.65', dllVersion: '3.1.6001.66' })).toBe('fixed');
    expect(serverState({ wsusVersion: '3.2.7600.226', dllVersion: '3.2.7600.226' })).toBe('not-applicable');
  });

  it('a paste holding both is answered as a conflict, with the facts named and the verification asked for', () => {
    const d = check(`${reg('3.0.6000.374')}\n${dll('3.2.7600.226')}`);
    expect(d.verdict).toBe('conflict');
    expect(d.actions).toEqual(['resolve-conflict']);
    const text = renderText(d);
    expect(text).toContain('WSUS version 3.0.6000.374 and a client web service DLL 3.2.7600.226 cannot both be true');
    expect(text).toContain('KB954960-CHECK');
  });
});

describe('every reply explains the evidence it actually has', () => {
  it('a server-only ArgumentException line does not talk about 0x8024400E', () => {
    const line =
      "2008-06-14 02:59:57.642 UTC Error w3wp.12 ClientImplementation.SyncUpdates System.ArgumentException: Item has already been added. Key in dictionary: '8862'  Key being added: '8862'";
    const d = check(line, null);
    expect(d.verdict).toBe('possible');
    expect(d.actions[0]).toBe('confirm-duplicate-key');
    expect(d.actions).not.toContain('check-server-log');
    expect(renderText(d)).not.toContain('0x8024400E');
  });

  it('a client-only 0x8024400E still asks for the server log', () => {
    const d = check('PT  WARNING: PTError: 0x8024400e', null);
    expect(d.actions[0]).toBe('check-server-log');
    expect(d.actions).not.toContain('confirm-duplicate-key');
  });

  it("a server's synchronized products list says nothing about a client's Office 2003", () => {
    const paste = ['Server version: 3.2.7600.226', 'Products – Office 2003, Office 2007, Windows Server 2003, Windows XP', reg('3.2.7600.226')].join('\n');
    const d = check(paste);
    expect(d.notes.some((n) => n.kind === 'office-2003')).toBe(false);
    expect(d.verdict).toBe('clean');
    const client = check(`${KB_CLIENT_EXAMPLE}\nAgent  * Title = Update for Office 2003 (KB907417)`, null);
    expect(client.notes).toContainEqual({ kind: 'office-2003' });
  });

  it('"fixed" never comes with verify-again steps or the verification commands', () => {
    for (const text of [
      dll('3.1.6001.66'),
      "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully.",
    ]) {
      const d = check(text);
      expect(d.verdict).toBe('fixed');
      expect(d.actions).toEqual(['nothing-to-do']);
      const blocks = JSON.stringify(renderDiagnosisBlocks(d).blocks);
      expect(blocks).not.toContain('KB954960-CHECK');
      expect(renderText(d)).not.toContain('KB954960-CHECK');
    }
    // while a server that still lacks the fix is shown how to verify it afterwards
    expect(renderText(check(dll('3.1.6001.65')))).toContain('KB954960-CHECK');
  });
});

describe('the fleet status follows the same table', () => {
  it('puts SP2 and WSUS 4.0 servers apart, conflicts in their own bucket, and asks to resolve them', () => {
    const s = buildFleetStatus({
      servers: [
        { name: 'sp2', wsusVersion: '3.2.7600.226', wsusVersionAt: at, lastAffectedAt: at },
        { name: 'w4', wsusVersion: '6.3.9600.18228', wsusVersionAt: at },
        { name: 'odd', wsusVersion: '3.0.6000.374', dllVersion: '3.2.7600.226', dllVersionAt: at },
        { name: 'ok', dllVersion: '3.1.6001.66', dllVersionAt: at },
      ],
      newDetections: { entries: [], total: 0, groups: 0 },
      now: new Date(NOW),
    });
    expect(s.counts).toMatchObject({ affected: 0, 'not-applicable': 2, conflict: 1, fixed: 1 });
    expect(s.nextAction).toMatchObject({ kind: 'resolve-conflicts', servers: ['odd'] });
  });
});
