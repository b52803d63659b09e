import type { types } from '@slack/bolt';
import { asksForVerification, type Diagnosis } from '../diagnose/diagnose.js';
import type { DiagnosedProblem } from '../diagnose/problems.js';
import type { Lang } from '../detect/types.js';
import { linksFor, VERIFY_BLOCKS } from '../kb954960.js';
import { ACTION_IDS, type ActionId } from './action-ids.js';
import { actionText, noteText, STATE_LABEL, t, VERDICT_EMOJI, VERDICT_HEADLINE } from './i18n.js';
import { MAX_EVIDENCE_SHOWN, renderSummaryLine } from './text.js';

/** Slack's limits: section text 3,000 chars, header 150, button text 75, 50 blocks a message. */
export const LIMITS = { sectionText: 3000, header: 150, buttonText: 75, blocks: 50 } as const;
const EVIDENCE_LINE_CHARS = 240;

/** mrkdwn treats & < > as control characters, also inside code blocks. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code block that user text cannot break out of. */
export function codeBlock(lines: readonly string[], max = LIMITS.sectionText): string {
  const body = lines.map((l) => escapeMrkdwn(l.replace(/```/g, "'''"))).join('\n');
  return `\`\`\`${truncate(body, max - 8)}\`\`\``;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function section(mrkdwn: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) } };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.header), emoji: true } };
}

export function context(mrkdwn: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) }] };
}

export function linkButtons(lang: Lang): types.ActionsBlock {
  const links = linksFor(lang);
  const button = (text: string, url: string, actionId: ActionId, style?: 'primary'): types.Button => ({
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText) },
    url,
    action_id: actionId,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    elements: [
      button(t('download', lang), links.download, ACTION_IDS.download, 'primary'),
      button(t('kbArticle', lang), links.kb, ACTION_IDS.kb),
      button(t('advisory', lang), links.advisory, ACTION_IDS.advisory),
    ],
  };
}

const PROBLEMS_LISTED = 3;

/** Known problems one line each (title: first step, source link) in one block, "… and N more". */
export function problemListBlock(problems: readonly DiagnosedProblem[], lang: Lang, heading: string, options: { links?: boolean; actionChars?: number } = {}): types.SectionBlock {
  const { links = true, actionChars = 200 } = options;
  const lines = problems
    .slice(0, PROBLEMS_LISTED)
    .map((p) => `• *${escapeMrkdwn(p.title)}*: ${escapeMrkdwn(truncate(p.actions[0] ?? '', actionChars))}${links ? ` <${p.links.source}|${t('source', lang)}>` : ''}`);
  if (problems.length > PROBLEMS_LISTED) lines.push(`… ${t('andMore', lang, { n: problems.length - PROBLEMS_LISTED })}`);
  return section(`*${heading}*\n${lines.join('\n')}`);
}

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** A diagnosis as a Slack message: verdict, server, evidence with line numbers, next steps, verification, links. */
export function renderBlocks(d: Diagnosis): SlackMessage {
  const lang = d.lang;
  const blocks: types.KnownBlock[] = [header(`${VERDICT_HEADLINE[d.verdict][lang]}`)];
  const server = d.server ? `*${escapeMrkdwn(d.server)}* — ${STATE_LABEL[d.serverState][lang]}` : t('noServer', lang);
  blocks.push({
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: `${VERDICT_EMOJI[d.verdict]} *${t('server', lang)}*\n${truncate(server, 1900)}` },
      { type: 'mrkdwn', text: `*${t('lines', lang)}*\n${d.lines.toLocaleString('en-US')}` },
    ],
  });
  if (d.evidence.length > 0) {
    const shown = d.evidence.slice(0, MAX_EVIDENCE_SHOWN).map((f) => `${String(f.line).padStart(6)}: ${truncate(f.text, EVIDENCE_LINE_CHARS)}`);
    if (d.evidence.length > MAX_EVIDENCE_SHOWN) shown.push(`… ${t('moreEvidence', lang, { n: d.evidence.length - MAX_EVIDENCE_SHOWN })}`);
    blocks.push(section(`*${t('evidence', lang)}*`), section(codeBlock(shown)));
  }
  if (d.actions.length > 0) {
    blocks.push(section(`*${t('nextSteps', lang)}*\n${d.actions.map((a, i) => `${i + 1}. ${escapeMrkdwn(actionText(a, lang))}`).join('\n')}`));
  }
  if (asksForVerification(d)) {
    blocks.push(
      section(`*${t('verify', lang)}* — ${t('verifyPasteBack', lang)}\n${t('verifyPowershell', lang)}:`),
      section(codeBlock(VERIFY_BLOCKS.powershell)),
      section(`${t('verifyWmic', lang)}:`),
      section(codeBlock(VERIFY_BLOCKS.cmd)),
    );
  }
  if (d.notes.length > 0) blocks.push(context(d.notes.map((n) => escapeMrkdwn(noteText(n, lang))).join('\n')));
  // After the KB954960 part: KB954960 always comes first.
  if (d.problems.length > 0) blocks.push(problemListBlock(d.problems, lang, t('otherProblems', lang)));
  blocks.push(linkButtons(lang));
  return { text: renderSummaryLine(d), blocks };
}
