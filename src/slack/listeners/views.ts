import type { App } from '@slack/bolt';
import { z } from 'zod';
import { checkCommand } from '../../../commands/check.js';
import type { SlackContext } from '../context.js';
import { userFacingMessage } from '../errors.js';
import { CHECK_MODAL_ID } from '../views/check-modal.js';

const submission = z.object({
  text: z.string().trim().min(1),
  server: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  lang: z.enum(['en', 'ja']).optional(),
  channelId: z.string().optional(),
});

/** The check modal's submission: validate (errors shown in the form), ack, then post the diagnosis. */
export function registerViewListeners(app: App, s: SlackContext): void {
  app.view(CHECK_MODAL_ID, async ({ ack, view, body, client }) => {
    const v = view.state.values;
    let channelId: string | undefined;
    try {
      channelId = (JSON.parse(view.private_metadata || '{}') as { channel_id?: string }).channel_id;
    } catch {
      channelId = undefined;
    }
    const parsed = submission.safeParse({
      text: v.log?.text?.value ?? '',
      server: v.server?.name?.value ?? '',
      lang: v.lang?.lang?.selected_option?.value,
      channelId,
    });
    if (!parsed.success) {
      const bad = parsed.error.issues[0]?.path[0];
      await ack({
        response_action: 'errors',
        errors: bad === 'server' ? { server: 'A host name such as wsus01 or wsus01.corp.example' } : { log: 'Paste at least one log line' },
      });
      return;
    }
    await ack();
    const user = body.user.id;
    const lang = parsed.data.lang ?? s.config.lang;
    s.background.run('modal submission', async () => {
      let message: { text: string; blocks?: unknown[] };
      try {
        message = await checkCommand(
          { text: parsed.data.text, serverName: parsed.data.server, lang: parsed.data.lang, origin: 'modal', channelId: parsed.data.channelId, maxBytes: s.config.maxFileBytes },
          { store: s.store, lang, now: s.clock(), userId: user, adminUserIds: s.config.adminUserIds },
        );
      } catch (err) {
        s.logger.error({ err }, 'modal check failed');
        message = { text: userFacingMessage(err, lang, s.config.maxFileBytes) };
      }
      const post = (channel: string) => client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}), unfurl_links: false });
      try {
        if (!parsed.data.channelId) throw new Error('no channel');
        await post(parsed.data.channelId);
      } catch {
        await post(user); // not in that channel (or none): the app's DM with the user always works
      }
    });
  });
}
