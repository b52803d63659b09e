import type { App } from '@slack/bolt';
import { helpReply } from '../../../commands/help.js';
import { statusMessage } from '../../status/query.js';
import type { SlackContext } from '../context.js';

/** App Home: the fleet summary, then how to use the bot. */
export function registerHomeListener(app: App, s: SlackContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab && event.tab !== 'home') return;
    const lang = s.config.lang;
    const status = statusMessage(s.store, lang, s.clock());
    const help = helpReply(lang).blocks ?? [];
    const blocks = [...status.blocks, { type: 'divider' }, ...help].slice(0, 100); // a Home tab holds 100 blocks
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: blocks as never } });
  });
}
