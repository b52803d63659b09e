import { z } from 'zod';
import type { Subscription } from '../src/store/port.js';
import { isAdmin } from '../src/admins.js';
import { LANGS, type Lang } from '../src/lang.js';
import { msg } from '../src/render/messages/index.js';
import { slackDate } from '../src/render/slack-date.js';
import { isTimeZone, nextPostTime } from '../src/fleet/post-time.js';
import { refusal, usageError, type CommandContext, type Reply } from './types.js';

export const SUBSCRIBE_USAGE = 'subscribe [HH:MM] [ja|en] [TIME_ZONE]  |  unsubscribe';

/** HH:MM, 00:00–23:59 (H:MM too). */
const VALID_TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;
/** Meant as a time of day: digits, with or without minutes (9, 25:00, 9:75, 0900 is not). */
const LOOKS_LIKE_TIME = /^\d{1,2}([:.]\d{1,2})?$/;

type Token = { time: string } | { lang: Lang } | { timeZone: string };

const token = z.union([
  z
    .string()
    .regex(VALID_TIME)
    .transform((t): Token => ({ time: t.padStart(5, '0') })),
  z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(LANGS))
    .transform((lang): Token => ({ lang })),
  z
    .string()
    .regex(/^(?:[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+|UTC|Etc\/[A-Za-z0-9+-]+)$/)
    .refine(isTimeZone)
    .transform((timeZone): Token => ({ timeZone })),
]);

/** HH:MM, ja|en and an IANA time zone, each at most once, in any order. */
export const subscribeArgs = z
  .array(token)
  .max(3)
  .superRefine((tokens, c) => {
    const kinds = tokens.map((t) => Object.keys(t)[0]);
    if (new Set(kinds).size !== kinds.length) c.addIssue({ code: 'custom', message: 'each of HH:MM, ja|en and the time zone at most once' });
  })
  .transform((tokens) => Object.assign({}, ...tokens) as { time?: string; lang?: Lang; timeZone?: string });

export type SubscribeContext = CommandContext & {
  readonly channelId: string;
  readonly teamId?: string;
  readonly defaults: { readonly statusTime: string; readonly statusTimeZone: string };
};

function parse(args: readonly string[]): { time?: string; lang?: Lang; timeZone?: string } | null {
  const parsed = subscribeArgs.safeParse(args.filter((a) => a.trim() !== ''));
  return parsed.success ? parsed.data : null;
}

function describe(s: Subscription, next: Date | null, lang: Lang, created: boolean): string {
  // Slack shows it in each reader's own time; the sentence names the subscription's zone for the daily time.
  const when = next ? slackDate(next.toISOString(), '{date_short_pretty} {time}', s.timeZone) : '—';
  const m = msg(lang);
  return m.subscribe.done({ created, time: s.postTime, timeZone: s.timeZone, lang: m.langName[s.lang], next: when });
}

/** `/kb954960 subscribe [HH:MM] [ja|en]`: this channel gets the daily status post. Admins only when ADMIN_USER_IDS is set. */
export async function subscribeCommand(args: readonly string[], ctx: SubscribeContext): Promise<Reply> {
  const parsed = parse(args);
  // A time it cannot read is said to be one, with the form it takes: "usage" alone left 25:00 a riddle.
  const badTime = parsed ? undefined : args.find((a) => LOOKS_LIKE_TIME.test(a) && !VALID_TIME.test(a));
  if (badTime !== undefined) return usageError(msg(ctx.lang).subscribe.badTime({ input: badTime.slice(0, 20) }));
  if (!parsed) return usageError(msg(ctx.lang).usage({ syntax: SUBSCRIBE_USAGE }) + msg(ctx.lang).usageExample({ example: 'subscribe 09:00 ja' }));
  if (!isAdmin(ctx)) return refusal(ctx);
  const postTime = parsed.time ?? ctx.defaults.statusTime;
  const timeZone = parsed.timeZone ?? ctx.defaults.statusTimeZone;
  const { subscription, created } = await ctx.store.status.upsertSubscription({
    channelId: ctx.channelId,
    teamId: ctx.teamId ?? null,
    postTime,
    timeZone,
    lang: parsed.lang ?? ctx.lang,
    createdBy: ctx.userId ?? null,
    at: ctx.now.toISOString(),
  });
  const next = nextPostTime(subscription, ctx.now);
  return {
    text: describe(subscription, next, ctx.lang, created),
    json: { subscribed: true, created, subscription, nextPostAt: next?.toISOString() ?? null },
    exitCode: 0,
  };
}

/** `/kb954960 unsubscribe`: no more daily posts here. */
export async function unsubscribeCommand(ctx: CommandContext & { readonly channelId: string }): Promise<Reply> {
  if (!isAdmin(ctx)) return refusal(ctx);
  const removed = await ctx.store.status.deleteSubscription(ctx.channelId);
  const m = msg(ctx.lang).subscribe;
  return {
    text: removed ? m.removed : m.notSubscribed,
    json: { subscribed: false, removed },
    exitCode: 0,
  };
}
