import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../db/sqlite/store.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { canonicalServerName, resolveServer, resolveServerAs } from '../src/diagnose/server-name.js';
import { KB_CLIENT_EXAMPLE } from './support/fixtures.js';

describe('canonicalServerName', () => {
  it.each([
    ['WSUS01', 'wsus01'],
    ['  wsus01  ', 'wsus01'],
    ['http://WSUS01:8530/ClientWebService/client.asmx', 'wsus01'],
    ['https://wsus01.Corp.Example:8531/', 'wsus01.corp.example'],
    ['wsus01.corp.example.', 'wsus01.corp.example'],
    ['<http://wsus01:8530|wsus01:8530>', 'wsus01'],
    ['wsus01:8530', 'wsus01'],
    ['http://[FE80::1]:8530/ClientWebService/client.asmx', 'fe80::1'],
    ['[fe80::1]', 'fe80::1'],
    ['fe80::1', 'fe80::1'],
    ['10.0.0.5:8530', '10.0.0.5'],
    ['http://user@wsus01/x?y#z', 'wsus01'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalServerName(input)).toBe(expected);
  });

  it.each(['', 'http://', 'wsus 01', 'wsus01;rm', '<!channel>', '-wsus', '999.1.1.1', '[fe80::1', 'a..b'])('refuses %j', (input) => {
    expect(canonicalServerName(input)).toBeNull();
  });

  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const host = fc
    .array(label, { minLength: 1, maxLength: 4 })
    .map((ls) => ls.join('.'))
    .filter((h) => !/^[\d.]+$/.test(h));
  const mixCase = (s: string, mask: number) => [...s].map((c, i) => ((mask >> (i % 30)) & 1 ? c.toUpperCase() : c)).join('');

  it('is case-insensitive, ignores scheme, port and path, and is idempotent', () => {
    fc.assert(
      fc.property(
        host,
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.constantFrom('', 'http://', 'https://', 'HTTP://'),
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        fc.constantFrom('', '/', '/ClientWebService/client.asmx', '/x?y=1'),
        (h, mask, scheme, port, path) => {
          const typed = `${scheme}${mixCase(h, mask)}${port === undefined ? '' : `:${port}`}${scheme ? path : ''}`;
          const c = canonicalServerName(typed);
          expect(c).toBe(h);
          expect(canonicalServerName(c!)).toBe(c);
        },
      ),
    );
  });

  it('never returns something that is not a plain host name or address', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const c = canonicalServerName(s);
        if (c !== null) expect(c).toMatch(/^(?:[a-z0-9_.-]+|[0-9a-f:.]+)$/);
      }),
    );
  });
});

describe('resolveServer: a short name and its FQDN are one server where unambiguous', () => {
  const dir = (...entries: [string, string][]) => new Map(entries);

  it('exact names and kept aliases win', () => {
    const d = dir(['wsus01', 'wsus01'], ['wsus01.corp.example', 'wsus01']);
    expect(resolveServer('WSUS01', d)).toEqual({ kind: 'known', name: 'wsus01' });
    expect(resolveServer('http://wsus01.corp.example:8530/', d)).toEqual({ kind: 'known', name: 'wsus01', alias: 'wsus01.corp.example' });
  });

  it('a short name finds the one FQDN that starts with it', () => {
    expect(resolveServer('wsus01', dir(['wsus01.corp.example', 'wsus01.corp.example'], ['wsus02.corp.example', 'wsus02.corp.example']))).toEqual({
      kind: 'known',
      name: 'wsus01.corp.example',
      alias: 'wsus01',
    });
  });

  it('a short name two FQDNs share is ambiguous, never guessed', () => {
    expect(resolveServer('wsus01', dir(['wsus01.corp.example', 'wsus01.corp.example'], ['wsus01.lab.example', 'wsus01.lab.example']))).toEqual({
      kind: 'ambiguous',
      name: 'wsus01',
      candidates: ['wsus01.corp.example', 'wsus01.lab.example'],
    });
  });

  it('an FQDN finds its short name, unless that short name is known in another domain', () => {
    expect(resolveServer('wsus01.corp.example', dir(['wsus01', 'wsus01']))).toEqual({ kind: 'known', name: 'wsus01', alias: 'wsus01.corp.example' });
    expect(resolveServer('wsus01.lab.example', dir(['wsus01', 'wsus01'], ['wsus01.corp.example', 'wsus01']))).toEqual({
      kind: 'new',
      name: 'wsus01.lab.example',
    });
    expect(resolveServer('wsus01.lab.example', dir(['wsus01.corp.example', 'wsus01.corp.example']))).toEqual({ kind: 'new', name: 'wsus01.lab.example' });
  });

  it('does not take a prefix for a name (wsus0 is not wsus01), nor addresses for FQDNs', () => {
    expect(resolveServer('wsus0', dir(['wsus01.corp.example', 'wsus01.corp.example']))).toEqual({ kind: 'new', name: 'wsus0' });
    expect(resolveServer('10', dir(['10.0.0.5', '10.0.0.5']))).toEqual({ kind: 'new', name: '10' });
  });

  it('tells an invalid name apart', () => {
    expect(resolveServer('wsus 01', new Map())).toEqual({ kind: 'invalid', input: 'wsus 01' });
  });
});

describe("resolveServerAs: only an admin's naming joins spellings", () => {
  // Admins know wsus03 (short) and wsus04.corp.example; a non-admin's paste made the row wsus05.lab.example.
  const directory = {
    trusted: new Map([
      ['wsus03', 'wsus03'],
      ['wsus04.corp.example', 'wsus04.corp.example'],
      ['wsus04', 'wsus04.corp.example'],
    ]),
    unvouched: new Set(['wsus05.lab.example', 'wsus03.evil.example']),
  };
  it.each([
    // [input, byAdmin, resolution]
    ['wsus03.corp.example', true, { kind: 'known', name: 'wsus03', alias: 'wsus03.corp.example' }],
    ['wsus03.corp.example', false, { kind: 'new', name: 'wsus03.corp.example' }],
    ['wsus03.evil.example', false, { kind: 'known', name: 'wsus03.evil.example' }], // its own row, exactly
    ['wsus03.evil.example', true, { kind: 'known', name: 'wsus03.evil.example' }],
    ['wsus04', false, { kind: 'known', name: 'wsus04.corp.example', alias: 'wsus04' }], // a kept alias
    ['WSUS03', false, { kind: 'known', name: 'wsus03' }],
    // A row only non-admins named never joins or splits an admin's names.
    ['wsus05', true, { kind: 'new', name: 'wsus05' }],
    ['wsus05.corp.example', true, { kind: 'new', name: 'wsus05.corp.example' }],
  ] as const)('%s (admin: %s)', (input, byAdmin, expected) => {
    expect(resolveServerAs(input, directory, byAdmin)).toEqual(expected);
  });

  it("a non-admin's short name reaches the one FQDN admins use", () => {
    const d = { trusted: new Map([['wsus06.corp.example', 'wsus06.corp.example']]), unvouched: new Set<string>() };
    expect(resolveServerAs('wsus06', d, false)).toEqual({ kind: 'known', name: 'wsus06.corp.example', alias: 'wsus06' });
  });
});

describe('the store files every spelling under one server', () => {
  it('client log FQDN, server log short name, admin URL: one row, one history', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kb954960-names-'));
    const store = Store.open(join(tmp, 'kb.db'));
    try {
      const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, m)).toISOString();
      const client = diagnose(scanText(KB_CLIENT_EXAMPLE.replace('http://wsusebc/', 'http://wsus12.ad.example:8530/')), { lang: 'en', now: at(0) });
      expect(client.server).toBe('wsus12.ad.example');
      store.recordDiagnosis({ diagnosis: client, origin: 'message', at: at(0) });
      const serverLog = diagnose(
        scanText(
          'ThrowException: actor = http://WSUS12/ClientWebService/client.asmx, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?',
        ),
        { lang: 'en', now: at(1) },
      );
      store.recordDiagnosis({ diagnosis: serverLog, origin: 'message', at: at(1) });
      store.recordServerVersion('http://wsus12:8530', 'dll', '3.1.6001.66', at(2));
      expect(store.servers().map((s) => s.name)).toEqual(['wsus12.ad.example']);
      expect(store.aliasesOf('wsus12.ad.example')).toEqual(['wsus12']);
      expect(store.history({ server: 'WSUS12' })).toHaveLength(2);
      expect(store.history({ server: 'wsus12.ad.example' })).toHaveLength(2);
      expect(store.server('wsus12')).toMatchObject({ name: 'wsus12.ad.example', dllVersion: '3.1.6001.66' });
      expect(store.server('wsus12.other.example')).toBeNull();
    } finally {
      store.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
