import type { App } from '@slack/bolt';
import { runSlashCommand } from '../../../commands/index.js';
import type { SlackContext } from '../context.js';
import { checkModal } from '../views/check-modal.js';
import { langOf } from '../../render/i18n.js';
import { userFacingMessage } from '../errors.js';

export const SLASH_COMMAND = '/kb954960';

/** `/kb954960 …`: ack at once, work after the ack, answer through respond() (ephemeral). */
export function registerCommandListener(app: App, s: SlackContext): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const lang = langOf(command.text, s.config.lang);
    s.background.run('slash command', async () => {
      try {
        const outcome = await runSlashCommand(command.text, {
          store: s.store,
          lang,
          now: s.clock(),
          userId: command.user_id,
          adminUserIds: s.config.adminUserIds,
          channelId: command.channel_id,
          teamId: command.team_id,
          maxBytes: s.config.maxFileBytes,
          defaults: { statusTime: s.config.statusTime, statusTimeZone: s.config.statusTimeZone },
          onSubscriptionsChanged: () => s.onSubscriptionsChanged(),
        });
        if (outcome.kind === 'open-modal') {
          await client.views.open({ trigger_id: command.trigger_id, view: checkModal(lang, command.channel_id) as never });
          return;
        }
        const { text, blocks } = outcome.reply;
        await respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks: blocks as never } : {}) });
      } catch (err) {
        s.logger.error({ err, command: command.command }, 'slash command failed');
        await respond({ response_type: 'ephemeral', text: userFacingMessage(err, lang, s.config.maxFileBytes) });
      }
    });
  });
}
