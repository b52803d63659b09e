import { checkCommand } from './check.js';
import { codeCommand } from './code.js';
import { helpReply } from './help.js';
import { historyCommand } from './history.js';
import { langCommand } from './lang.js';
import { msg } from '../src/render/messages/index.js';
import { serverCommand } from './server.js';
import { buildStatusReply } from './status.js';
import { subscribeCommand, unsubscribeCommand } from './subscribe.js';
import type { Lang } from '../src/lang.js';
import type { CommandContext, Reply } from './types.js';

/** Everything a slash command may need beyond the common context. */
export interface SlashContext extends CommandContext {
  readonly channelId: string;
  readonly teamId?: string;
  readonly maxBytes: number;
  /** BOT_LANG and the status post's defaults. */
  readonly defaults: { readonly lang: Lang; readonly statusTime: string; readonly statusTimeZone: string };
  /** Called after a subscription changed, so the schedule follows. */
  readonly onSubscriptionsChanged?: () => void;
}

export type SlashOutcome = { readonly kind: 'reply'; readonly reply: Reply } | { readonly kind: 'open-modal' };

/** `/kb954960 <subcommand> …`: parse, run the command, hand back what to say. Unknown → help, never an error dump. */
export async function runSlashCommand(rawText: string, ctx: SlashContext): Promise<SlashOutcome> {
  const text = rawText.trim();
  if (text === '') return { kind: 'open-modal' };
  const [head = '', ...rest] = text.split(/\s+/);
  const sub = head.toLowerCase();
  const reply = (r: Reply): SlashOutcome => ({ kind: 'reply', reply: r });
  switch (sub) {
    case 'help':
      return reply(helpReply(ctx.lang, undefined, ctx));
    case 'check':
      // Keep the pasted lines' own breaks and tabs: only the subcommand word is cut off.
      return reply(
        await checkCommand({ text: text.slice(head.length), origin: 'command', channelId: ctx.channelId, teamId: ctx.teamId, maxBytes: ctx.maxBytes }, ctx),
      );
    case 'code':
      return reply(codeCommand(rest, ctx.lang));
    case 'server':
      return reply(await serverCommand(rest, ctx));
    case 'history':
      if (rest.length > 1) return reply({ text: msg(ctx.lang).usage({ syntax: '/kb954960 history [server]' }), exitCode: 2 });
      return reply(await historyCommand({ server: rest[0] }, ctx));
    case 'status':
      // The zone this channel's daily post is in, so that `status` and the post say one time.
      return reply(await buildStatusReply(ctx, { timeZone: (await ctx.store.status.subscription(ctx.channelId))?.timeZone ?? ctx.defaults.statusTimeZone }));
    case 'lang':
      return reply(await langCommand(rest, { ...ctx, defaultLang: ctx.defaults.lang }));
    case 'subscribe': {
      const r = await subscribeCommand(rest, { ...ctx, channelId: ctx.channelId, teamId: ctx.teamId, defaults: ctx.defaults });
      if (r.exitCode !== 2) ctx.onSubscriptionsChanged?.();
      return reply(r);
    }
    case 'unsubscribe': {
      const r = await unsubscribeCommand({ ...ctx, channelId: ctx.channelId });
      if (r.exitCode !== 2) ctx.onSubscriptionsChanged?.();
      return reply(r);
    }
    default:
      return reply(helpReply(ctx.lang, head.slice(0, 40), ctx));
  }
}
