import { helpReply } from './help.js';
import { isMain, isRefused, SUBCOMMANDS, type SlashContext, type SlashOutcome } from './table.js';
import type { Reply } from './types.js';

export type { SlashContext, SlashOutcome } from './table.js';

const slackRows = SUBCOMMANDS.filter((s) => s.slack);

/** `/kb954960 <subcommand> …`: the row of commands/table.ts, run; what to say back. Unknown → help, never an error dump. */
export async function runSlashCommand(rawText: string, ctx: SlashContext): Promise<SlashOutcome> {
  const text = rawText.trim();
  const [head = '', ...words] = text === '' ? [] : text.split(/\s+/);
  const sub = slackRows.find((s) => s.name === head.toLowerCase());
  if (!sub?.slack) return { kind: 'reply', reply: helpReply(ctx.lang, head.slice(0, 40), ctx) };
  const input = { words, text: text.slice(head.length) };
  let out: Reply | SlashOutcome;
  if (isMain(sub.slack)) out = await sub.slack.main(input, ctx);
  else {
    const args = await sub.slack.args(input, ctx);
    out = isRefused(args) ? args.refused : await sub.run!(args, ctx);
  }
  return 'kind' in out ? out : { kind: 'reply', reply: out };
}
