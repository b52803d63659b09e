import type { Lang } from '../lang.js';
import { msg } from './messages/index.js';

/** Admins named in a reply, as Slack mentions: a few, not a wall of pings. */
const MENTIONED_ADMINS = 3;

/** `<@U1>, <@U2>, <@U3> and 2 more` (ja: `<@U1>、<@U2>、<@U3> ほか 2 名`). IDs are validated by config (U…/W…). */
export function adminMentions(adminUserIds: readonly string[], lang: Lang): string {
  const m = msg(lang);
  const shown = adminUserIds.slice(0, MENTIONED_ADMINS).map((id) => `<@${id}>`);
  return m.adminMentions({ mentions: shown.join(m.mentionSeparator), more: adminUserIds.length - shown.length });
}
