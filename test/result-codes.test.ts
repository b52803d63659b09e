import { describe, expect, it } from 'vitest';
import { codeTables, facilityText, knowledgeBaseCounts, lookupCode, parseCodeArg } from '../src/detect/result-codes.js';
import { fixture } from './support/fixtures.js';

/** Parses wuerror.h the way the header is laid out: MessageId, MessageText lines until a bare `//`, then #define. */
function parseHeader(text: string): { name: string; code: string; text: string }[] {
  const out: { name: string; code: string; text: string }[] = [];
  const block = /\/\/ MessageId: (\w+)\n\/\/\n\/\/ MessageText:\n\/\/\n((?:\/\/ .*\n)+?)\/\/\n#define (\w+)\s+_HRESULT_TYPEDEF_\((0x[0-9A-Fa-f]{8})L\)/g;
  for (const m of text.matchAll(block)) {
    expect(m[3]).toBe(m[1]);
    const lines = m[2]!
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.replace(/^\/\/ ?/, ''));
    out.push({ name: m[1]!, code: `0x${m[4]!.slice(2).toUpperCase()}`, text: lines.join(' ').trim() });
  }
  return out;
}

describe('result-code knowledge base', () => {
  const header = fixture('wuerror-excerpt.h').toString('utf8');
  const entries = parseHeader(header);

  it('holds the verbatim wuerror.h excerpt: same names and MessageText for every block', () => {
    expect(entries.length).toBe(header.match(/MessageId:/g)!.length);
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const e of entries) {
      const info = lookupCode(e.code);
      expect({ code: e.code, name: info.name, text: info.meaning.en, source: info.source }).toEqual({
        code: e.code,
        name: e.name,
        text: e.text,
        source: 'wuerror.h',
      });
    }
  });

  it('every entry has a Japanese meaning that is not the English one, and codes are 0x + 8 upper-case hex', () => {
    for (const list of Object.values(codeTables())) {
      for (const e of list) {
        expect(e.code).toMatch(/^0x[0-9A-F]{8}$/);
        expect(e.meaning.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(e.meaning.ja).not.toBe(e.meaning.en);
      }
    }
  });

  it('names follow their family: WU_S_* are success codes, WU_E_* failures in facility 36', () => {
    for (const e of codeTables()['wuerror.h']) {
      const info = lookupCode(e.code);
      expect(info.failure).toBe(e.name.startsWith('WU_E_'));
      expect(info.facility).toBe(36);
    }
    expect(knowledgeBaseCounts()['wuerror.h']).toBe(codeTables()['wuerror.h'].length);
  });

  it('turns WinHTTP and Win32 error numbers into HRESULT_FROM_WIN32', () => {
    expect(lookupCode('0x80072EE2').name).toBe('ERROR_WINHTTP_TIMEOUT');
    expect(lookupCode('0x80072EFD').name).toBe('ERROR_WINHTTP_CANNOT_CONNECT');
    expect(lookupCode('0x80072F0C').name).toBe('ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED');
    expect(lookupCode('0x800704CF').name).toBe('ERROR_NETWORK_UNREACHABLE');
    expect(lookupCode('0x800736B3').name).toBe('ERROR_SXS_ASSEMBLY_NOT_FOUND');
    expect(lookupCode('0x800B0109').name).toBe('CERT_E_UNTRUSTEDROOT');
    expect(lookupCode('0x803D0013').name).toBe('WS_E_ENDPOINT_FAULT_RECEIVED');
  });

  it("explains the common non-Windows Update codes clients log, in Windows' own words, with their facility", () => {
    const expected: [string, string, string, string][] = [
      ['0x80070005', 'E_ACCESSDENIED', 'General access denied error', 'アクセスが拒否されました。'],
      ['0x80004005', 'E_FAIL', 'Unspecified error', 'エラーを特定できません。'],
      ['0x80070057', 'E_INVALIDARG', 'One or more arguments are invalid', 'パラメーターが間違っています'],
      ['0x8007000E', 'E_OUTOFMEMORY', 'Ran out of memory', '十分な記憶域がありません'],
      ['0x80070002', 'ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.', '指定されたファイルが見つかりません。'],
      ['0x80070003', 'ERROR_PATH_NOT_FOUND', 'The system cannot find the path specified.', '指定されたパスが見つかりません。'],
      ['0x8007000D', 'ERROR_INVALID_DATA', 'The data is invalid.', 'データが無効です。'],
      ['0x80070020', 'ERROR_SHARING_VIOLATION', 'because it is being used by another process', '別のプロセスが使用中です'],
      ['0x80070422', 'ERROR_SERVICE_DISABLED', 'either because it is disabled', 'サービスを開始できません'],
      ['0x800705B4', 'ERROR_TIMEOUT', 'the timeout period expired', 'タイムアウト期間が経過した'],
      ['0x80070643', 'ERROR_INSTALL_FAILURE', 'Fatal error during installation.', 'インストール中に致命的なエラー'],
      ['0x80070BC9', 'ERROR_FAIL_REBOOT_REQUIRED', 'A system reboot is required to roll back changes made.', 'システムの再起動が必要です'],
      ['0x80072EFD', 'ERROR_WINHTTP_CANNOT_CONNECT', 'connection to the server failed', 'サーバーに接続できませんでした'],
      ['0x80072EFE', 'ERROR_WINHTTP_CONNECTION_ERROR', 'reset or terminated', 'リセット・切断'],
      ['0x80072F8F', 'ERROR_WINHTTP_SECURE_FAILURE', 'certificate sent by the server', 'SSL 証明書'],
    ];
    for (const [code, name, en, ja] of expected) {
      const info = lookupCode(code);
      expect(info.name, code).toBe(name);
      expect(info.meaning.en, code).toContain(en);
      expect(info.meaning.ja, code).toContain(ja);
    }
    expect(facilityText(lookupCode('0x80070005'))).toBe('Win32 (FACILITY_WIN32 = 7)');
    expect(facilityText(lookupCode('0x80004005'))).toBe('NULL (FACILITY_NULL = 0)');
    expect(facilityText(lookupCode('0x8024400E'))).toBe('Windows Update (FACILITY_WINDOWSUPDATE = 36)');
    expect(facilityText(lookupCode('0x8DDD0018'))).toBe('1501');
  });

  it('decodes codes in no table: name null, a meaning that says so and names the facility', () => {
    const win32 = lookupCode('0x80071234');
    expect(win32).toMatchObject({ name: null, source: null, facility: 7, facilityName: 'WIN32', failure: true });
    expect(win32.meaning.en).toContain("Not in the bot's code tables");
    expect(win32.meaning.en).toContain('Win32 error 4660');
    expect(win32.meaning.ja).toContain('ボットのコード表にない');
    expect(win32.meaning.ja).toContain('ファシリティ Win32 (FACILITY_WIN32 = 7)');
    const odd = lookupCode('0x8DDD0018');
    expect(odd.name).toBeNull();
    expect(odd.meaning.en).toMatch(/facility 1501, code 0x0018/);
  });

  it('reads a code as users type it', () => {
    expect(parseCodeArg('0x8024402c')).toBe('0x8024402C');
    expect(parseCodeArg('80244022')).toBe('0x80244022');
    expect(parseCodeArg('-2145107934')).toBe('0x80244022');
    expect(parseCodeArg('2149859362')).toBe('0x80244022');
    expect(parseCodeArg('8024402')).toBeNull();
    expect(parseCodeArg('hello')).toBeNull();
    expect(parseCodeArg('-99999999999')).toBeNull();
  });
});
