import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { LANGS } from '../../../lang.js';
import { msg } from '../../../render/messages/index.js';
import type { ListenerDeps } from '../../context.js';
import { submissionItem } from '../../work/submission.js';

const submission = z.object({
  text: z.string().trim().min(1),
  server: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  lang: z.enum(LANGS).optional(),
  channelId: z.string().optional(),
});

function channelOf(privateMetadata: string): string | undefined {
  try {
    return (JSON.parse(privateMetadata || '{}') as { channel_id?: string }).channel_id;
  } catch {
    return undefined;
  }
}

/**
 * The check modal's submission: validate (errors shown in the form); a valid one is written to the durable inbox
 * (keyed by the view's id) before the ack, and the inbox posts the diagnosis.
 */
export function checkModalSubmission(deps: Pick<ListenerDeps, 'inbox' | 'store' | 'config'>) {
  return async ({ ack, view, body }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const v = view.state.values;
    // The form opened in the user's language (checkModal): errors in it, and a pick left there lets Japanese text
    // still get Japanese; only a language changed in the form forces the reply's.
    const formLang = await deps.store.readers.langFor(body.user.id, deps.config.lang);
    const parsed = submission.safeParse({
      text: v.log?.text?.value ?? '',
      server: v.server?.name?.value ?? '',
      lang: v.lang?.lang?.selected_option?.value,
      channelId: channelOf(view.private_metadata),
    });
    if (!parsed.success) {
      const bad = parsed.error.issues[0]?.path[0];
      await ack({
        response_action: 'errors',
        errors: bad === 'server' ? { server: msg(formLang).modal.badServer } : { log: msg(formLang).modal.noLog },
      });
      return;
    }
    const { text, server, lang, channelId } = parsed.data;
    await deps.inbox.enqueue([submissionItem({ viewId: view.id, userId: body.user.id, text, server, lang: lang === formLang ? undefined : lang, channelId })]);
    await ack();
  };
}
