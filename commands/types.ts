import type { Store } from '../db/store.js';
import type { Lang } from '../src/detect/types.js';
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
  readonly adminUserIds: readonly string[];
}

export function refusal(lang: Lang): Reply {
  return {
    text:
      lang === 'ja'
        ? 'この操作は管理者 (ADMIN_USER_IDS) のみが行えます。参照系のコマンドはどなたでも使えます。'
        : 'Sorry — only the admins listed in ADMIN_USER_IDS can change this. Reading is open to everyone.',
    exitCode: 2,
  };
}

export function usageError(message: string): Reply {
  return { text: message, exitCode: 2 };
}
