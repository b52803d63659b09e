import type { Store } from '../db/store.js';
import type { Lang } from '../src/lang.js';
import { msg } from '../src/render/messages/index.js';
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
  readonly store: Store;
  readonly lang: Lang;
  readonly now: Date;
  /** The Slack user, or undefined for the CLI (the machine's operator is trusted). */
  readonly userId?: string;
  /** The Slack channel asked in (where a recorded fact came from). */
  readonly channelId?: string;
  readonly adminUserIds: readonly string[];
}

export function refusal(lang: Lang): Reply {
  return { text: msg(lang).refusal.adminsOnly, exitCode: 2 };
}

export function usageError(message: string): Reply {
  return { text: message, exitCode: 2 };
}
