import type { Lang } from '../src/lang.js';
import { renderHelp } from '../src/render/help.js';
import type { CommandContext, Reply } from './types.js';

/**
 * `help`, or a subcommand the bot does not know (then exit 2 for the CLI). Asked in Slack with ADMIN_USER_IDS empty,
 * it says that everyone can change server facts, and how to restrict it.
 */
export function helpReply(lang: Lang, unknownWord?: string, asker?: Pick<CommandContext, 'userId' | 'adminUserIds'>): Reply {
  const everyoneIsAdmin = asker?.userId !== undefined && asker.adminUserIds.length === 0;
  return { ...renderHelp(lang, unknownWord, { everyoneIsAdmin }), exitCode: unknownWord ? 2 : 0 };
}
