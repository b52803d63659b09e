import type { Diagnosis } from '../diagnose/diagnose.js';
import type { ExplainedCode } from '../diagnose/problems.js';
import type { Lang } from '../detect/types.js';
import { t } from './i18n.js';

/*
 * The part of a diagnosis beyond KB954960, for the terminal (and the codes in one line each, shared with Slack):
 * the other known problems with cause, first step and source, then every failure code explained.
 */

/** `0x80244022 WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL — meaning` */
export function codeLine(e: Pick<ExplainedCode, 'code' | 'name' | 'meaning'>): string {
  return `${e.code} ${e.name ?? '?'} — ${e.meaning}`;
}

export function occurrences(e: ExplainedCode, lang: Lang): string {
  return t('timesOnLines', lang, { n: e.count, lines: e.lines.join(', ') });
}

/** Lines to print after the KB954960 part; none when the input holds no failure code and no known problem. */
export function problemsText(d: Diagnosis): string[] {
  const lang = d.lang;
  const out: string[] = [];
  if (d.problems.length > 0) {
    out.push('', `${t('otherProblems', lang)}:`);
    for (const p of d.problems) {
      out.push(`  - ${p.title}${p.evidence.length > 0 ? ` (${t('onLines', lang)} ${p.evidence.join(', ')})` : ''}`);
      out.push(`    ${t('cause', lang)}: ${p.cause}`);
      for (const a of p.actions) out.push(`    ${t('firstStep', lang)}: ${a}`);
      out.push(`    ${t('source', lang)}: ${p.links.source}`);
    }
  }
  if (d.errors.length > 0) {
    out.push('', `${t('failureCodes', lang)}:`);
    for (const e of d.errors) out.push(`  ${codeLine(e)} (${occurrences(e, lang)})`);
  }
  return out;
}
