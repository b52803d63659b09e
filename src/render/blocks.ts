import type { types } from '@slack/bolt';
import type { DiagnosedProblem } from '../diagnose/problems.js';
import type { Lang } from '../lang.js';
import { linksFor } from '../kb954960.js';
import { ACTION_IDS, type ActionId } from './action-ids.js';
import { msg } from './messages/index.js';

/** Slack's limits: section text 3,000 chars, header 150, button text 75, 50 blocks a message. */
export const LIMITS = { sectionText: 3000, header: 150, buttonText: 75, blocks: 50 } as const;

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
      button(msg(lang).download, links.download, ACTION_IDS.download, 'primary'),
      button(msg(lang).kbArticle, links.kb, ACTION_IDS.kb),
      button(msg(lang).advisory, links.advisory, ACTION_IDS.advisory),
    ],
  };
}

const PROBLEMS_LISTED = 3;

/** Known problems one line each (title: first step, source link) in one block, "… and N more". */
export function problemListBlock(
  problems: readonly DiagnosedProblem[],
  lang: Lang,
  heading: string,
  options: { links?: boolean; actionChars?: number } = {},
): types.SectionBlock {
  const { links = true, actionChars = 200 } = options;
  const lines = problems
    .slice(0, PROBLEMS_LISTED)
    .map(
      (p) =>
        `• *${escapeMrkdwn(p.title)}*: ${escapeMrkdwn(truncate(p.actions[0] ?? '', actionChars))}${links ? ` <${p.links.source}|${msg(lang).source}>` : ''}`,
    );
  if (problems.length > PROBLEMS_LISTED) lines.push(`… ${msg(lang).andMore({ n: problems.length - PROBLEMS_LISTED })}`);
  return section(`*${heading}*\n${lines.join('\n')}`);
}

/**
 * All the text a reader sees in the blocks, in order: every text object (plain_text and mrkdwn: headers, sections,
 * fields, context, button labels, options, placeholders, input labels) and rich_text's text and link elements; never
 * ids, values or urls. By key, not by element type, so a kind of block added later is read without listing it here.
 * What the diagnosis reply measures its text budget with, and what the tests read a reply by.
 */
export function visibleText(blocks: readonly types.AnyBlock[]): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else if (k !== 'value' && k !== 'url' && k !== 'action_id') walk(x);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}
