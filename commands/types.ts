import type { Storage } from '../src/store/port.js';
import { adminMentions } from '../src/render/admins.js';
import type { Lang } from '../src/lang.js';
import { msg } from '../src/render/messages/index.js';
import type { TextTimes } from '../src/render/times.js';
import type { types } from '@slack/bolt';

/** What a command answers, in every form a surface may need: terminal text, Slack blocks, JSON. */
export interface Reply {
  readonly text: string;
  readonly blocks?: types.KnownBlock[];
  readonly json?: unknown;
  /** For the CLI: 0 fine, 1 action needed, 2 usage or input error. */
  readonly exitCode?: number;
}

/** Who asks and what the command may use. Time is passed in. */
export interface CommandContext {
  readonly store: Storage;
  readonly lang: Lang;
  readonly now: Date;
  /** The Slack user, or undefined for the CLI (the machine's operator is trusted). */
  readonly userId?: string;
  /** The Slack channel asked in (where a recorded fact came from). */
  readonly channelId?: string;
  readonly adminUserIds: readonly string[];
  /** How text replies write times (src/render/times.ts): the CLI's ISO 8601, Slack's local time in a named zone. UTC if unset. */
  readonly times?: TextTimes;
}

/** A non-admin asked to change something: who may (the refusal comes only when ADMIN_USER_IDS names someone). */
export function refusal(ctx: { readonly lang: Lang; readonly adminUserIds: readonly string[] }): Reply {
  return { text: msg(ctx.lang).refusal.adminsOnly({ admins: adminMentions(ctx.adminUserIds, ctx.lang) }), exitCode: 2 };
}

export function usageError(message: string): Reply {
  return { text: message, exitCode: 2 };
}
