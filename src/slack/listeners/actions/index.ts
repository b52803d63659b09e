import type { App, BlockAction } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { ACTION_HANDLERS, answerBlockAction, type ActionHandlers } from './block-actions.js';

/** One registration for all block actions, so that no click is answered twice or not at all. */
export function registerActionListeners(app: App, deps: ListenerDeps, handlers: ActionHandlers = ACTION_HANDLERS): void {
  app.action<BlockAction>(
    { type: 'block_actions' },
    answerBlockAction({ logger: deps.logger, afterAck: deps.inbox, store: deps.store, config: deps.config, clock: deps.clock }, handlers),
  );
}
