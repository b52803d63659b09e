import { asksForVerification, type Diagnosis } from '../diagnose/diagnose.js';
import { linksFor, VERIFY_BLOCKS } from '../kb954960.js';
import { actionText, noteText } from './i18n.js';
import { msg } from './messages/index.js';
import { answersAsProblem } from './problem-reply.js';
import { problemsText } from './problems.js';

/** Evidence lines shown to a person; the JSON output and the store keep them all. */
export const MAX_EVIDENCE_SHOWN = 12;

/** The terminal rendering; also the text fallback of Slack messages (notifications, screen readers). */
export function renderText(d: Diagnosis): string {
  const lang = d.lang;
  const serverLine = `${msg(lang).server}: ${d.server ?? msg(lang).noServer}${d.server ? ` (${msg(lang).stateLabel[d.serverState]})` : ''}`;
  // A failure that is not KB954960 leads with that failure, as the Slack reply does: KB954960 comes first only where
  // the input holds its evidence, and its download links would bury the step that helps.
  if (answersAsProblem(d)) {
    const first = d.problems[0];
    return [`${msg(lang).notKb954960} — ${first ? first.title : msg(lang).codesExplained}`, serverLine, ...problemsText(d)].join('\n');
  }
  const out: string[] = [msg(lang).verdictHeadline[d.verdict], serverLine];
  if (d.evidence.length > 0) {
    out.push('', `${msg(lang).evidence}:`);
    for (const f of d.evidence.slice(0, MAX_EVIDENCE_SHOWN)) out.push(`  ${String(f.line).padStart(6)}: ${f.text}`);
    if (d.evidence.length > MAX_EVIDENCE_SHOWN) out.push(`  … ${msg(lang).moreEvidence({ n: d.evidence.length - MAX_EVIDENCE_SHOWN })}`);
  }
  if (d.actions.length > 0) {
    out.push('', `${msg(lang).nextSteps}:`);
    out.push(...d.actions.map((a, i) => `  ${i + 1}. ${actionText(a, lang)}`));
  }
  if (asksForVerification(d)) {
    out.push('', `${msg(lang).verify}:`, `  ${msg(lang).verifyPowershell}:`, ...VERIFY_BLOCKS.powershell.map((l) => `    ${l}`));
    out.push(`  ${msg(lang).verifyWmic}:`, ...VERIFY_BLOCKS.cmd.map((l) => `    ${l}`));
  }
  if (d.notes.length > 0) {
    out.push('', `${msg(lang).notes}:`);
    for (const n of d.notes) out.push(`  - ${noteText(n, lang)}`);
  }
  const links = linksFor(lang);
  out.push('', `${msg(lang).download}: ${links.download}`, `${msg(lang).kbArticle}: ${links.kb}`, `${msg(lang).advisory}: ${links.advisory}`);
  out.push(...problemsText(d)); // after the KB954960 part: KB954960 always comes first
  return out.join('\n');
}

/** One line for notifications and the Slack `text` fallback. */
export function renderSummaryLine(d: Diagnosis): string {
  const head = msg(d.lang).verdictHeadline[d.verdict];
  return d.server ? `${head} (${d.server})` : head;
}
