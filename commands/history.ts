import { z } from 'zod';
import { canonicalServerName } from '../src/diagnose/server-name.js';
import { msg } from '../src/render/messages/index.js';
import { renderHistoryBlocks, renderHistoryText } from '../src/render/history.js';
import { usageError, type CommandContext, type Reply } from './types.js';

export const historyArgs = z.object({
  // A name, an FQDN or a URL; the store finds the server under any of its spellings.
  server: z
    .string()
    .transform(
      (s, ctx) =>
        canonicalServerName(s) ?? (ctx.addIssue({ code: 'custom', message: `'${s.length > 60 ? `${s.slice(0, 59)}…` : s}' is not a server name` }), z.NEVER),
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(10),
});

export async function historyCommand(input: { server?: string; limit?: string | number }, ctx: CommandContext): Promise<Reply> {
  const parsed = historyArgs.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.find((i) => i.code === 'custom')?.message;
    // Slack words in Slack (no flags there: it takes only a server); the CLI's own usage names its flags.
    const m = msg(ctx.lang);
    const syntax = ctx.userId === undefined ? `history [SERVER] (${m.historyArgs})` : `/kb954960 history [${m.historyServerArg}]`;
    return usageError(`${m.usage({ syntax })}${detail ? `: ${detail}` : ''}`);
  }
  const entries = await ctx.store.history.list(parsed.data);
  return { text: renderHistoryText(entries, ctx.lang, ctx.times), blocks: renderHistoryBlocks(entries, ctx.lang), json: entries, exitCode: 0 };
}
