import type { Logger } from '../../../log.js';
import { ACTION_IDS, isKnownActionId, RECORD_FOR_ACTION_IDS } from '../../../render/action-ids.js';
import type { ActionDeps, ActionHandler, BlockActionArgs } from './handler.js';
import { recordForClicked } from './record-for.js';
import { sameServerClicked } from './same-server.js';
import { howToVerify, moreEvidence } from './reply-buttons.js';

export type { ActionDeps, ActionHandler, BlockActionArgs } from './handler.js';

/** Handlers by action_id (constants in src/render/action-ids.ts). Ids without one (link buttons) need only the ack. */
export type ActionHandlers = Readonly<Record<string, ActionHandler | undefined>>;

/** The buttons that do something; the link buttons (download, KB, advisory) Slack opens itself. */
export const ACTION_HANDLERS: ActionHandlers = {
  [ACTION_IDS.moreEvidence]: moreEvidence,
  [ACTION_IDS.howToVerify]: howToVerify,
  // "Record for <server>" (one id per position in the row): records a paste's facts for that server, admins only.
  ...Object.fromEntries(RECORD_FOR_ACTION_IDS.map((id) => [id, recordForClicked])),
  // "<a> and <b> are one server", on a fault ID reported under two names: records the alias and the join, admins only.
  [ACTION_IDS.sameServer]: sameServerClicked,
};

/** Where a handler runs after the ack: the inbox's pump (in memory: a click is not worth a row; the user can click again). */
export interface AfterAck {
  runAfterAck(what: string, fn: () => Promise<unknown>): void;
}

/**
 * Every `block_actions` request: ack at once, whatever the id, then the id's handler if it has one. An id the bot
 * does not know (a button from a newer version still on screen, or one added without a handler) is logged at warn.
 */
export function answerBlockAction(s: { logger: Logger; afterAck: AfterAck } & Omit<ActionDeps, 'logger'>, handlers: ActionHandlers = ACTION_HANDLERS) {
  return async ({ ack, next: _next, ...args }: BlockActionArgs): Promise<void> => {
    await ack();
    const actionId = args.action.action_id;
    const handler = Object.hasOwn(handlers, actionId) ? handlers[actionId] : undefined;
    if (handler) {
      s.afterAck.runAfterAck(`action ${actionId}`, () => handler(args, { logger: s.logger, store: s.store, config: s.config, clock: s.clock }));
    } else if (isKnownActionId(actionId)) {
      s.logger.debug({ actionId, user: args.body.user.id }, 'link button clicked');
    } else {
      s.logger.warn({ actionId, blockId: args.action.block_id, user: args.body.user.id }, 'unknown action id: acknowledged, nothing done');
    }
  };
}
