import { asksForVerification, type Diagnosis } from '../diagnose/diagnose.js';
import { linksFor, VERIFY_BLOCKS } from '../kb954960.js';
import { problemsText } from './problems.js';
import { actionText, noteText, STATE_LABEL, t, VERDICT_HEADLINE } from './i18n.js';

/** Evidence lines shown to a person; the JSON output and the store keep them all. */
export const MAX_EVIDENCE_SHOWN = 12;

/** The terminal rendering; also the text fallback of Slack messages (notifications, screen readers). */
export function renderText(d: Diagnosis): string {
  const lang = d.lang;
  const out: string[] = [VERDICT_HEADLINE[d.verdict][lang]];
  out.push(`${t('server', lang)}: ${d.server ?? t('noServer', lang)}${d.server ? ` (${STATE_LABEL[d.serverState][lang]})` : ''}`);
  if (d.evidence.length > 0) {
    out.push('', `${t('evidence', lang)}:`);
    for (const f of d.evidence.slice(0, MAX_EVIDENCE_SHOWN)) out.push(`  ${String(f.line).padStart(6)}: ${f.text}`);
    if (d.evidence.length > MAX_EVIDENCE_SHOWN) out.push(`  … ${t('moreEvidence', lang, { n: d.evidence.length - MAX_EVIDENCE_SHOWN })}`);
  }
  if (d.actions.length > 0) {
    out.push('', `${t('nextSteps', lang)}:`);
    d.actions.forEach((a, i) => out.push(`  ${i + 1}. ${actionText(a, lang)}`));
  }
  if (asksForVerification(d)) {
    out.push('', `${t('verify', lang)}:`, `  ${t('verifyPowershell', lang)}:`, ...VERIFY_BLOCKS.powershell.map((l) => `    ${l}`));
    out.push(`  ${t('verifyWmic', lang)}:`, ...VERIFY_BLOCKS.cmd.map((l) => `    ${l}`));
  }
  if (d.notes.length > 0) {
    out.push('', `${t('notes', lang)}:`);
    for (const n of d.notes) out.push(`  - ${noteText(n, lang)}`);
  }
  const links = linksFor(lang);
  out.push('', `${t('download', lang)}: ${links.download}`, `${t('kbArticle', lang)}: ${links.kb}`, `${t('advisory', lang)}: ${links.advisory}`);
  out.push(...problemsText(d)); // after the KB954960 part: KB954960 always comes first
  return out.join('\n');
}

/** One line for notifications and the Slack `text` fallback. */
export function renderSummaryLine(d: Diagnosis): string {
  const head = VERDICT_HEADLINE[d.verdict][d.lang];
  return d.server ? `${head} (${d.server})` : head;
}
