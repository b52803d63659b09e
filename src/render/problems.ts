import type { Diagnosis } from '../diagnose/diagnose.js';
import type { ExplainedCode } from '../diagnose/problems.js';
import type { Lang } from '../lang.js';
import { msg } from './messages/index.js';

/*
 * The part of a diagnosis beyond KB954960, for the terminal (and the codes in one line each, shared with Slack):
 * the other known problems with cause, first step and source, then every failure code explained.
 */

/** `0x80244022 WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL — meaning` */
export function codeLine(e: Pick<ExplainedCode, 'code' | 'name' | 'meaning'>): string {
  return `${e.code} ${e.name ?? '?'} — ${e.meaning}`;
}

/** What to collect next where no known problem matches: said differently where no code failed an operation. */
export function collectStep(d: Pick<Diagnosis, 'errors' | 'lang'>): string {
  return d.errors.some((e) => e.outcome) ? msg(d.lang).collectNext : msg(d.lang).collectNextIfFailing;
}

export function occurrences(e: ExplainedCode, lang: Lang): string {
  return msg(lang).timesOnLines({ n: e.count, lines: e.lines.join(msg(lang).status.listSeparator) });
}

/** Lines to print after the KB954960 part; none when the input holds no failure code and no known problem. */
export function problemsText(d: Diagnosis): string[] {
  const lang = d.lang;
  const out: string[] = [];
  if (d.problems.length > 0) {
    out.push('', `${msg(lang).otherProblems}:`);
    for (const p of d.problems) {
      out.push(`  - ${p.title}${p.evidence.length > 0 ? ` (${msg(lang).onLines({ lines: p.evidence.join(msg(lang).status.listSeparator) })})` : ''}`);
      out.push(`    ${msg(lang).cause}: ${p.cause}`);
      for (const a of p.actions) out.push(`    ${msg(lang).firstStep}: ${a}`);
      out.push(`    ${msg(lang).source}: ${p.links.source}`);
    }
  }
  // Failure codes that nothing explains: the next step is what to collect. Where KB954960 evidence explains the
  // failure, its own steps come first and a second "first step" would contradict them.
  if (!d.hasEvidence && d.problems.length === 0 && d.errors.length > 0) out.push('', `${msg(lang).firstStep}: ${collectStep(d)}`);
  if (d.errors.length > 0) {
    out.push('', `${msg(lang).failureCodes}:`);
    for (const e of d.errors) out.push(`  ${codeLine(e)} (${occurrences(e, lang)})`);
  }
  return out;
}
