import type { CodeCount } from '../detect/types.js';
import { PROBLEM_PACKS, type ProblemPack } from '../detect/problems/index.js';
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

export function explainCodes(codes: readonly CodeCount[], lang: Lang): ExplainedCode[] {
  return codes.map((c) => {
    const info = lookupCode(c.code);
    return { code: info.code, name: info.name, meaning: info.meaning[lang], count: c.count, lines: [...c.lines] };
  });
}

/**
 * The packs whose evidence is in the scan. `claimed` are lines that already belong to the KB954960 signature: they are
 * not evidence of anything else (KB954960 comes first, its 0x8024400E is not another problem).
 */
export function diagnoseProblems(scan: ScanResult, lang: Lang, claimed: ReadonlySet<number> = new Set()): DiagnosedProblem[] {
  const codeLines = new Map<string, number[]>();
  for (const c of scan.codes) {
    const free = c.lines.filter((l) => !claimed.has(l));
    // More occurrences than recorded lines: some lie beyond the first few, which nothing claimed.
    if (free.length > 0 || c.count > c.lines.length) codeLines.set(c.code, free);
  }
  const ruleLines = new Map<string, number[]>();
  for (const f of scan.findings) {
    if (claimed.has(f.line)) continue;
    const list = ruleLines.get(f.rule);
    if (list) list.push(f.line);
    else ruleLines.set(f.rule, [f.line]);
  }
  const out: DiagnosedProblem[] = [];
  for (const pack of PROBLEM_PACKS) {
    const held = pack.signatures.filter(
      (s) => (!s.codes || s.codes.some((c) => codeLines.has(c))) && (!s.lines || s.lines.some((r) => ruleLines.has(r))),
    );
    if (held.length === 0) continue;
    const codes = pack.codes.filter((c) => codeLines.has(c));
    const lines = new Set<number>();
    for (const c of codes) for (const l of codeLines.get(c)!) lines.add(l);
    for (const s of held) for (const r of s.lines ?? []) for (const l of ruleLines.get(r) ?? []) lines.add(l);
    out.push(present(pack, lang, codes, [...lines].sort((a, b) => a - b).slice(0, MAX_PROBLEM_EVIDENCE)));
  }
  return out;
}

function present(pack: ProblemPack, lang: Lang, codes: readonly string[], evidence: readonly number[]): DiagnosedProblem {
  return {
    id: pack.id,
    title: pack.title[lang],
    cause: pack.cause[lang],
    evidence,
    codes,
    actions: [pack.remedy[lang]],
    links: { source: pack.source.url },
    needsAction: pack.needsAction,
    faultCodes: pack.faultCodes ?? [],
  };
}
