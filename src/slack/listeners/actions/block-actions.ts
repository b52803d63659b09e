import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import { isKnownActionId } from '../../../render/action-ids.js';

/** What Bolt hands the listener for one click. */
export type BlockActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/**
 * A button's real work. It gets Bolt's arguments without `ack`: the listener has acked already (Bolt throws on a
 * second ack in HTTP mode), and runs the handler after that, so Slack's 3-second answer never waits for it.
 */
export type ActionHandler = (args: Omit<BlockActionArgs, 'ack' | 'next'>) => Promise<void>;

/** Handlers by action_id (constants in src/render/action-ids.ts). Ids without one (link buttons) need only the ack. */
export type ActionHandlers = Readonly<Record<string, ActionHandler | undefined>>;

/** Nothing yet: the bot's buttons are all links, which Slack opens itself. */
export const ACTION_HANDLERS: ActionHandlers = {};

/** Where a handler runs after the ack: the inbox's pump (in memory: a click is not worth a row; the user can click again). */
export interface AfterAck {
  runAfterAck(what: string, fn: () => Promise<unknown>): void;
}

/**
 * Every `block_actions` request: ack at once, whatever the id, then the id's handler if it has one. An id the bot
 * does not know (a button from a newer version still on screen, or one added without a handler) is logged at warn.
 */
export function answerBlockAction(s: { logger: Logger; afterAck: AfterAck }, handlers: ActionHandlers = ACTION_HANDLERS) {
  return async ({ ack, next: _next, ...args }: BlockActionArgs): Promise<void> => {
    await ack();
    const actionId = args.action.action_id;
    const handler = Object.hasOwn(handlers, actionId) ? handlers[actionId] : undefined;
    if (handler) {
      s.afterAck.runAfterAck(`action ${actionId}`, () => handler(args));
    } else if (isKnownActionId(actionId)) {
      s.logger.debug({ actionId, user: args.body.user.id }, 'link button clicked');
    } else {
      s.logger.warn({ actionId, blockId: args.action.block_id, user: args.body.user.id }, 'unknown action id: acknowledged, nothing done');
    }
  };
}
