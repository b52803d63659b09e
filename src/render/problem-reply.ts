import type { Diagnosis } from '../diagnose/diagnose.js';
import type { ExplainedCode } from '../diagnose/problems.js';
import type { Lang } from '../lang.js';
import type { types } from '@slack/bolt';
import { context, escapeMrkdwn, problemListBlock, section, truncate, type SlackMessage } from './blocks.js';
import { msg } from './messages/index.js';
import { codeLine, collectStep } from './problems.js';

/*
 * The Slack reply for a log that is not KB954960 but fails: "Not KB954960 — <problem>: <next step>", why and where,
 * the other problems in one line each, and the codes in ONE compact block. Short by design (read in ten seconds):
 * at most MAX_BLOCKS blocks and MAX_TEXT characters of text.
 */

export const MAX_BLOCKS = 7;
export const MAX_TEXT = 2000;
/** Codes listed in the compact block; the rest are counted. */
export const MAX_CODES_LISTED = 5;
const CODE_LINE_CHARS = 150;

/** The codes found, one line each, at most MAX_CODES_LISTED, "… and N more". */
export function codesBlock(errors: readonly ExplainedCode[], lang: Lang): types.SectionBlock {
  const shown = errors
    .slice(0, MAX_CODES_LISTED)
    .map((e) => `• \`${e.code}\` ${escapeMrkdwn(truncate(codeLine(e).slice(e.code.length + 1), CODE_LINE_CHARS))} (${e.count}×)`);
  if (errors.length > MAX_CODES_LISTED) shown.push(`… ${msg(lang).andMore({ n: errors.length - MAX_CODES_LISTED })}`);
  return section(`*${msg(lang).failureCodes}*\n${shown.join('\n')}`);
}

/**
 * Which reply a diagnosis gets, the same whatever the way in (message, file, shortcut, slash `check`, modal): the
 * KB954960 reply where the input holds KB954960 evidence (or holds no failure at all), else this problem reply, which
 * leads with the failure the input shows.
 */
export function answersAsProblem(d: Pick<Diagnosis, 'hasEvidence' | 'errors' | 'problems'>): boolean {
  return !d.hasEvidence && (d.errors.length > 0 || d.problems.length > 0);
}

export function renderProblemReply(d: Diagnosis): SlackMessage {
  const lang = d.lang;
  const [first, ...others] = d.problems;
  const blocks: (types.SectionBlock | types.ContextBlock)[] = [];
  let head: string;
  if (first) {
    head = `${msg(lang).notKb954960} — ${first.title}: ${first.actions[0] ?? ''}`;
    blocks.push(section(`*${escapeMrkdwn(`${msg(lang).notKb954960} — ${first.title}`)}:* ${escapeMrkdwn(first.actions[0] ?? '')}`));
    const where = first.evidence.length > 0 ? ` · ${msg(lang).onLines({ lines: first.evidence.slice(0, 5).join(msg(lang).status.listSeparator) })}` : '';
    blocks.push(context(`${msg(lang).cause}: ${escapeMrkdwn(first.cause)}${where} · <${first.links.source}|${msg(lang).source}>`));
    // The others in brief: the first problem is the reply's subject, and the message must stay short.
    if (others.length > 0) blocks.push(problemListBlock(others, lang, msg(lang).alsoFound, { links: false, actionChars: 120 }));
  } else {
    // No known problem: the next step is what to collect, never a dead end.
    head = `${msg(lang).notKb954960} — ${msg(lang).codesExplained}`;
    blocks.push(section(`*${escapeMrkdwn(msg(lang).notKb954960)}* — ${escapeMrkdwn(msg(lang).codesExplained)}`));
    blocks.push(section(`:point_right: *${msg(lang).nextStep}:* ${escapeMrkdwn(collectStep(d))}`));
  }
  if (d.errors.length > 0) blocks.push(codesBlock(d.errors, lang));
  return { text: truncate(head, 300), blocks: fitText(blocks.slice(0, MAX_BLOCKS)) };
}

/** A message that merely mentions codes: one block, what they mean and "paste the log". */
export function renderCodePointer(d: Diagnosis): SlackMessage {
  const lang = d.lang;
  const lines = d.errors
    .slice(0, MAX_CODES_LISTED)
    .map((e) => `\`${e.code}\` ${escapeMrkdwn(truncate(codeLine(e).slice(e.code.length + 1), CODE_LINE_CHARS))}`);
  const text = `${lines.join('\n')}\n${msg(lang).pasteTheLog}`;
  return { text: truncate(`${d.errors[0]?.code ?? ''} — ${msg(lang).pasteTheLog}`, 300), blocks: [section(text)] };
}

type TextBlock = types.SectionBlock | types.ContextBlock;

/** Keeps the blocks' text within MAX_TEXT by shortening the longest blocks first. */
function fitText(blocks: TextBlock[]): TextBlock[] {
  const textOf = (b: TextBlock): string => (b.type === 'section' ? (b.text as { text: string }).text : (b.elements[0] as { text: string }).text);
  const setText = (b: TextBlock, s: string): void => {
    if (b.type === 'section') (b.text as { text: string }).text = s;
    else (b.elements[0] as { text: string }).text = s;
  };
  // A reader sees the blocks one under the other: count a line break between them.
  const budget = MAX_TEXT - (blocks.length - 1);
  let total = blocks.reduce((n, b) => n + textOf(b).length, 0);
  while (total > budget) {
    const longest = blocks.reduce((a, b) => (textOf(b).length > textOf(a).length ? b : a));
    const s = textOf(longest);
    const cut = Math.min(total - budget, s.length - 40);
    if (cut <= 0) break;
    setText(longest, truncate(s, s.length - cut));
    total -= cut;
  }
  return blocks;
}
