import { BITS_ERRORS, COM_AND_CERT_ERRORS, WIN32_ERRORS, WINHTTP_ERRORS, WS_ERRORS } from './codes/other-codes.js';
import { WUERROR_AGENT } from './codes/wuerror-agent.js';
import { WUERROR_COMPONENTS } from './codes/wuerror-components.js';
import { WUERROR_PT } from './codes/wuerror-pt.js';
import type { Localized } from '../lang.js';

/*
 * The result-code knowledge base: every WU_E_* / WU_S_* code of wuerror.h, the WinHTTP errors as HRESULTs and the
 * other codes Windows Update logs print, each with its source. Codes not in the tables are decoded (severity,
 * facility) so that every code in a paste gets an explanation. Pure data and lookups: no I/O.
 */

export type CodeSourceId = 'wuerror.h' | 'winhttp' | 'winerror.h' | 'wsw' | 'bits';

export interface CodeSource {
  readonly title: string;
  readonly repo: string;
  readonly path: string;
  readonly commit: string | null;
}

export const CODE_SOURCES: Readonly<Record<CodeSourceId, CodeSource>> = {
  'wuerror.h': {
    title: 'Windows SDK wuerror.h',
    repo: 'microsoft/win32metadata',
    path: 'generation/WinSDK/RecompiledIdlHeaders/um/wuerror.h',
    commit: '1e548b0abd16444e620215b801447c70253f5aae',
  },
  winhttp: {
    title: 'Error Messages (Winhttp.h)',
    repo: 'MicrosoftDocs/win32',
    path: 'desktop-src/WinHttp/error-messages.md',
    commit: '0f5c32f961152335e1589cf9e3b785324ce751fe',
  },
  'winerror.h': {
    title: 'Windows SDK winerror.h',
    repo: 'microsoft/win32metadata',
    path: 'generation/WinSDK/RecompiledIdlHeaders/shared/winerror.h',
    commit: 'c41ef7458f008ba4ccea85ee33163be71b9112bb',
  },
  wsw: {
    title: 'Windows Web Services return values (as quoted by the MBAM documentation)',
    repo: 'MicrosoftDocs/win32',
    path: 'desktop-src/wsw',
    commit: null,
  },
  bits: {
    title: 'BITS Return Values',
    repo: 'MicrosoftDocs/win32',
    path: 'desktop-src/Bits/bits-return-values.md',
    commit: '017eca30720c0164e0f158803ce65dfd462022b7',
  },
};

export interface CodeEntry {
  /** `0x` + 8 upper-case hex digits. */
  readonly code: string;
  readonly name: string;
  /** English as the source words it; Japanese written for admins. */
  readonly meaning: Localized;
  readonly source: CodeSourceId;
}

export interface CodeInfo {
  readonly code: string;
  /** null when the code is in none of the tables. */
  readonly name: string | null;
  readonly meaning: Localized;
  readonly source: CodeSourceId | null;
  /** The severity bit is set: the code reports a failure (S_* and WU_S_* codes do not). */
  readonly failure: boolean;
  readonly facility: number;
  readonly facilityName: string | null;
}

const LINE = /^(0x[0-9A-F]{8}|\d{1,5}) ([A-Z][A-Z0-9_]*) \| (.+?) \| (.+)$/;

/** Parses `CODE NAME | en | ja` lines; a decimal CODE is a Win32 error, stored as HRESULT_FROM_WIN32. */
export function parseTable(text: string, source: CodeSourceId): CodeEntry[] {
  const out: CodeEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`result-codes: bad table line in ${source}: ${line}`);
    const code = m[1]!.startsWith('0x') ? m[1]! : hresultFromWin32(Number(m[1]));
    out.push({ code, name: m[2]!, meaning: { en: m[3]!, ja: m[4]! }, source });
  }
  return out;
}

export function hresultFromWin32(error: number): string {
  return formatCode(((error & 0xffff) | 0x80070000) >>> 0);
}

export function formatCode(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

interface Tables {
  readonly bySource: Readonly<Record<CodeSourceId, readonly CodeEntry[]>>;
  readonly byCode: ReadonlyMap<string, CodeEntry>;
}

let tables: Tables | null = null;

/**
 * Parsed on the first lookup, not at load: every scan loads this module, and most inputs show no failure code, so
 * parsing ~1,000 lines (~1 ms and ~0.5 MiB of strings at start-up) would be paid for nothing.
 */
function loadTables(): Tables {
  if (tables) return tables;
  const bySource: Record<CodeSourceId, readonly CodeEntry[]> = {
    'wuerror.h': [...parseTable(WUERROR_AGENT, 'wuerror.h'), ...parseTable(WUERROR_PT, 'wuerror.h'), ...parseTable(WUERROR_COMPONENTS, 'wuerror.h')],
    winhttp: parseTable(WINHTTP_ERRORS, 'winhttp'),
    'winerror.h': [...parseTable(WIN32_ERRORS, 'winerror.h'), ...parseTable(COM_AND_CERT_ERRORS, 'winerror.h')],
    wsw: parseTable(WS_ERRORS, 'wsw'),
    bits: parseTable(BITS_ERRORS, 'bits'),
  };
  const byCode = new Map<string, CodeEntry>();
  for (const entries of Object.values(bySource)) {
    for (const e of entries) {
      if (byCode.has(e.code)) throw new Error(`result-codes: ${e.code} is listed twice`);
      byCode.set(e.code, e);
    }
  }
  return (tables = { bySource, byCode });
}

/** The tables, by source, in the order they were read. */
export function codeTables(): Readonly<Record<CodeSourceId, readonly CodeEntry[]>> {
  return loadTables().bySource;
}

export function knowledgeBaseCounts(): Record<CodeSourceId, number> {
  const out = {} as Record<CodeSourceId, number>;
  for (const [source, entries] of Object.entries(codeTables())) out[source as CodeSourceId] = entries.length;
  return out;
}

/**
 * Facility numbers of winerror.h (FACILITY_*) for the families a Windows Update log shows, with the name an admin
 * knows the family by (the same in both languages: product and API names).
 */
const FACILITIES: ReadonlyMap<number, { readonly name: string; readonly label: string }> = new Map([
  [0, { name: 'NULL', label: 'NULL' }],
  [1, { name: 'RPC', label: 'RPC' }],
  [4, { name: 'ITF', label: 'COM' }],
  [7, { name: 'WIN32', label: 'Win32' }],
  [9, { name: 'SECURITY', label: 'Security' }],
  [11, { name: 'CERT', label: 'Cert' }],
  [15, { name: 'SETUPAPI', label: 'SetupAPI' }],
  [32, { name: 'BACKGROUNDCOPY', label: 'BITS' }],
  [36, { name: 'WINDOWSUPDATE', label: 'Windows Update' }],
  [61, { name: 'WEBSERVICES', label: 'Windows Web Services' }],
]);

/** A code's facility as a reply shows it: `Win32 (FACILITY_WIN32 = 7)`, or the bare number for one not listed. */
export function facilityText(info: Pick<CodeInfo, 'facility' | 'facilityName'>): string {
  const f = FACILITIES.get(info.facility);
  return f && f.name === info.facilityName ? `${f.label} (FACILITY_${f.name} = ${info.facility})` : String(info.facility);
}

export function isFailureCode(value: number): boolean {
  return (value & 0x80000000) !== 0;
}

export function lookupCode(code: string): CodeInfo {
  const value = Number.parseInt(code.slice(2), 16) >>> 0;
  const normalized = formatCode(value);
  const facility = (value >>> 16) & 0x7ff;
  const facilityName = FACILITIES.get(facility)?.name ?? null;
  const base = { code: normalized, failure: isFailureCode(value), facility, facilityName };
  const entry = loadTables().byCode.get(normalized);
  if (entry) return { ...base, name: entry.name, meaning: entry.meaning, source: entry.source };
  return { ...base, name: null, meaning: unknownMeaning(value, facility, facilityName), source: null };
}

function unknownMeaning(value: number, facility: number, facilityName: string | null): Localized {
  const fac = facilityText({ facility, facilityName });
  const low = value & 0xffff;
  if (facility === 7) {
    return {
      en: `Not in the bot's code tables: HRESULT_FROM_WIN32(${low}), facility ${fac}, Win32 error ${low}.`,
      ja: `ボットのコード表にないコードです: HRESULT_FROM_WIN32(${low})、ファシリティ ${fac}、Win32 エラー ${low}。`,
    };
  }
  return {
    en: `Not in the bot's code tables: facility ${fac}, code 0x${low.toString(16).toUpperCase().padStart(4, '0')}.`,
    ja: `ボットのコード表にないコードです: ファシリティ ${fac}、コード 0x${low.toString(16).toUpperCase().padStart(4, '0')}。`,
  };
}

/**
 * A code as a user types it: `0x8024402c`, `8024402C`, or a signed decimal HRESULT such as `-2145107934` (the form
 * PowerShell and event logs print) or its unsigned form. null when it is none of these.
 */
export function parseCodeArg(input: string): string | null {
  const s = input.trim();
  let m = /^(?:0x)?([0-9A-Fa-f]{1,8})$/.exec(s);
  if (m && (s.toLowerCase().startsWith('0x') || m[1]!.length === 8)) return formatCode(Number.parseInt(m[1]!, 16));
  m = /^-(\d{1,10})$/.exec(s);
  if (m) {
    const n = -Number(m[1]);
    if (n >= -0x80000000) return formatCode(n >>> 0);
    return null;
  }
  // An unsigned decimal only when it is a failure HRESULT: `8024402` is a mistyped hex code, not 0x007A7152.
  m = /^(\d{10})$/.exec(s);
  if (m && Number(m[1]) >= 0x80000000 && Number(m[1]) <= 0xffffffff) return formatCode(Number(m[1]));
  return null;
}
