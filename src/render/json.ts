import type { Diagnosis, Verdict } from '../diagnose/diagnose.js';
import type { LogSource } from '../detect/types.js';
import type { Lang } from '../lang.js';
import { linksFor, type Links } from '../kb954960.js';
import { actionText, noteText } from './i18n.js';

/** The `scan --json` contract (docs/contract.md): scripts parse it, so fields are added, never renamed or dropped. */
export interface DiagnosisJson {
  verdict: Verdict;
  kb: 'KB954960';
  server: string | null;
  server_state: string;
  /** `file`: which input the line is in, when several were scanned (`logs.zip:WindowsUpdate.log` for a ZIP's log). */
  findings: { rule: string; source: LogSource; file?: string; line: number; text: string; fields: Record<string, string> }[];
  actions: string[];
  notes: string[];
  links: Links;
  lang: Lang;
  errors: { code: string; name: string | null; meaning: string; count: number; lines: number[] }[];
  problems: {
    id: string;
    title: string;
    cause: string;
    evidence: number[];
    codes: string[];
    actions: string[];
    links: { source: string };
    needs_action: boolean;
  }[];
}

export function renderJson(d: Diagnosis): DiagnosisJson {
  return {
    verdict: d.verdict,
    kb: d.kb,
    server: d.server,
    server_state: d.serverState,
    findings: d.findings.map((f) => ({
      rule: f.rule,
      source: f.source,
      ...(f.file !== undefined ? { file: f.file } : {}),
      line: f.line,
      text: f.text,
      fields: { ...f.fields },
    })),
    actions: d.actions.map((a) => actionText(a, d.lang)),
    notes: d.notes.map((n) => noteText(n, d.lang)),
    links: linksFor(d.lang),
    lang: d.lang,
    errors: d.errors.map((e) => ({ code: e.code, name: e.name, meaning: e.meaning, count: e.count, lines: [...e.lines] })),
    problems: d.problems.map((p) => ({
      id: p.id,
      title: p.title,
      cause: p.cause,
      evidence: [...p.evidence],
      codes: [...p.codes],
      actions: [...p.actions],
      links: { ...p.links },
      needs_action: p.needsAction,
    })),
  };
}
