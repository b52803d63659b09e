import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { commandItem } from '../../work/command.js';

export const SLASH_COMMAND = '/kb954960';

/**
 * `/kb954960 …`: written to the durable inbox (keyed by trigger_id), then acked; the inbox runs it and answers
 * through response_url (ephemeral). Both modes answer Slack after the listener returns (processBeforeResponse; the
 * Socket Mode receiver's deferred ack).
 */
export function kb954960Command(deps: Pick<ListenerDeps, 'inbox'>) {
  return async ({ command, ack }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await deps.inbox.enqueue([
      commandItem({
        text: command.text,
        userId: command.user_id,
        channelId: command.channel_id,
        teamId: command.team_id,
        triggerId: command.trigger_id,
        responseUrl: command.response_url,
      }),
    ]);
    await ack();
  };
}
