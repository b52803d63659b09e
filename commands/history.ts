import { z } from 'zod';
import { normalizeServerName } from '../src/diagnose/diagnose.js';
import { renderHistoryBlocks, renderHistoryText } from '../src/render/server.js';
import { usageError, type CommandContext, type Reply } from './types.js';

export const historyArgs = z.object({
  server: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/).transform(normalizeServerName).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(10),
});

export function historyCommand(input: { server?: string; limit?: string | number }, ctx: CommandContext): Reply {
  const parsed = historyArgs.safeParse(input);
  if (!parsed.success) return usageError('usage: history [SERVER] (a server name, and --limit 1..1000)');
  const entries = ctx.store.history(parsed.data);
  return { text: renderHistoryText(entries, ctx.lang), blocks: renderHistoryBlocks(entries, ctx.lang), json: entries, exitCode: 0 };
}
