import type { CodeCount } from '../detect/types.js';
import { HTTP_STATUS_RULE, UPDATE_SERVICE_RULE } from '../detect/problems/evidence.js';
import { PROBLEM_PACKS, type ProblemPack } from '../detect/problems/index.js';
import type { ProblemSignature } from '../detect/problems/pack.js';
import { lookupCode } from '../detect/result-codes.js';
import type { ScanResult } from '../detect/types.js';
import type { Lang } from '../lang.js';

/*
 * Beside the KB954960 verdict: every failure code of the input explained, and the known problems (src/detect/problems/) whose
 * evidence the input holds. Pure: the scan in, plain data in the diagnosis language out.
 */

/** A failure code of the input, explained. */
export interface ExplainedCode {
  /** `0x` + 8 upper-case hex digits. */
  readonly code: string;
  /** null: in none of the knowledge base's tables (the meaning then says so). */
  readonly name: string | null;
  readonly meaning: string;
  readonly count: number;
  /** 1-based, the first few. */
  readonly lines: readonly number[];
  /** The input gives it as a sync's or a search's own result: it failed an operation, not merely passed by. */
  readonly outcome?: boolean;
}

/** A known problem whose evidence the input holds. */
export interface DiagnosedProblem {
  readonly id: string;
  readonly title: string;
  readonly cause: string;
  /** 1-based line numbers of its evidence, the first MAX_PROBLEM_EVIDENCE. */
  readonly evidence: readonly number[];
  /** The failure codes of the input that belong to it. */
  readonly codes: readonly string[];
  /** The first remedy, as the source words it. */
  readonly actions: readonly string[];
  readonly links: { readonly source: string };
  readonly needsAction: boolean;
  /** Server fault ErrorCode names it explains (a KB954960 look-alike note for them says nothing more). */
  readonly faultCodes: readonly string[];
}

export const MAX_PROBLEM_EVIDENCE = 20;

/**
 * The codes in the order that explains the failure: those a failing sync reported as its own result first (`Exit
 * code = …`, `Sync of Updates: …`, see extract-codes.ts), then the most frequent, then the first seen — not by first
 * appearance, where an incidental code early in a log would hide the one that failed the sync.
 */
export function rankCodes(codes: readonly CodeCount[]): CodeCount[] {
  return [...codes].sort((a, b) => Number(!!b.outcome) - Number(!!a.outcome) || b.count - a.count || (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
}

export function explainCodes(codes: readonly CodeCount[], lang: Lang): ExplainedCode[] {
  return rankCodes(codes).map((c) => {
    const info = lookupCode(c.code);
    return { code: info.code, name: info.name, meaning: info.meaning[lang], count: c.count, lines: [...c.lines], ...(c.outcome ? { outcome: true } : {}) };
  });
}

/** Which service the client talks to, as its log says: a client not on WSUS has no WsusPool to start. */
export type UpdateService = 'wsus' | 'microsoft' | 'unknown';

export function updateServiceOf(scan: ScanResult): UpdateService {
  const said = scan.findings.filter((f) => f.rule === UPDATE_SERVICE_RULE).map((f) => f.fields.service);
  // A WSUS URL in the log (the KB954960 context rules) or the Managed service: WSUS, whatever else it contacted.
  if (said.includes('wsus') || scan.findings.some((f) => f.rule === 'client-server-url' || f.rule === 'client-wsus-server')) return 'wsus';
  return said.includes('microsoft') ? 'microsoft' : 'unknown';
}

/**
 * The packs whose evidence is in the scan, the one that explains the failure first. `claimed` are lines that already
 * belong to the KB954960 signature: they are not evidence of anything else (KB954960 comes first, its 0x8024400E is not
 * another problem). A pack held by more than codes (an HTTP status, an IIS or proxy line) is specific: a pack held by
 * codes alone is not named beside it when the specific one explains all its codes (an app pool that IIS says is
 * offline explains the clients' 502; an empty bypass list explains the time-out).
 */
export function diagnoseProblems(scan: ScanResult, lang: Lang, claimed: ReadonlySet<number> = new Set()): DiagnosedProblem[] {
  const codeLines = new Map<string, number[]>();
  for (const c of scan.codes) {
    const free = c.lines.filter((l) => !claimed.has(l));
    // More occurrences than recorded lines: some lie beyond the first few, which nothing claimed.
    if (free.length > 0 || c.count > c.lines.length) codeLines.set(c.code, free);
  }
  const ruleLines = new Map<string, number[]>();
  const httpLines = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, line: number) => {
    const list = map.get(key);
    if (list) list.push(line);
    else map.set(key, [line]);
  };
  for (const f of scan.findings) {
    if (claimed.has(f.line)) continue;
    add(ruleLines, f.rule, f.line);
    if (f.rule === HTTP_STATUS_RULE && f.fields.status) add(httpLines, f.fields.status, f.line);
  }
  const holds = (s: ProblemSignature<string>) =>
    (!s.codes || s.codes.some((c) => codeLines.has(c))) &&
    (!s.lines || s.lines.some((r) => ruleLines.has(r))) &&
    (!s.all || s.all.every((r) => ruleLines.has(r))) &&
    (!s.http || s.http.some((h) => httpLines.has(h)));
  const service = updateServiceOf(scan);

  const found: { pack: ProblemPack; specific: boolean; codes: string[]; evidence: number[] }[] = [];
  for (const pack of PROBLEM_PACKS) {
    const held = pack.signatures.filter(holds);
    if (held.length === 0) continue;
    const codes = pack.codes.filter((c) => codeLines.has(c));
    const lines = new Set<number>();
    for (const c of codes) for (const l of codeLines.get(c)!) lines.add(l);
    for (const s of held) {
      for (const r of [...(s.lines ?? []), ...(s.all ?? [])]) for (const l of ruleLines.get(r) ?? []) lines.add(l);
      for (const h of s.http ?? []) for (const l of httpLines.get(h) ?? []) lines.add(l);
    }
    const specific = held.some((s) => !!(s.lines || s.all || s.http));
    found.push({ pack, specific, codes, evidence: [...lines].sort((a, b) => a - b).slice(0, MAX_PROBLEM_EVIDENCE) });
  }
  const explainedBySpecific = new Set(found.filter((f) => f.specific).flatMap((f) => f.pack.codes));
  const kept = found.filter((f) => f.specific || f.codes.length === 0 || !f.codes.every((c) => explainedBySpecific.has(c)));

  // What explains the failure first: the pack of the best-ranked code; packs with no code keep pack order after them.
  const rank = new Map(rankCodes(scan.codes).map((c, i) => [c.code, i]));
  const best = (codes: readonly string[]) => Math.min(...codes.map((c) => rank.get(c) ?? Infinity));
  const ordered = kept.map((f, i) => ({ f, i, r: best(f.codes) })).sort((a, b) => a.r - b.r || a.i - b.i);
  return ordered.map(({ f }) => present(f.pack, lang, f.codes, f.evidence, service));
}

function present(pack: ProblemPack, lang: Lang, codes: readonly string[], evidence: readonly number[], service: UpdateService): DiagnosedProblem {
  // Where the client does not talk to WSUS, the WSUS step (start the WsusPool) does not fit: the pack's other step does.
  const step = service === 'microsoft' && pack.withoutWsus ? pack.withoutWsus : pack;
  return {
    id: pack.id,
    title: pack.title[lang],
    cause: pack.cause[lang],
    evidence,
    codes,
    actions: [step.remedy[lang]],
    links: { source: step.source.url },
    needsAction: pack.needsAction,
    faultCodes: pack.faultCodes ?? [],
  };
}
