import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Storage } from '../../../store/port.js';
import type { Config } from '../../../config.js';
import type { Logger } from '../../../log.js';

/** What Bolt hands the listener for one click. */
export type BlockActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/**
 * A button's real work. It gets Bolt's arguments without `ack`: the listener has acked already (Bolt throws on a
 * second ack in HTTP mode), and runs the handler after that, so Slack's 3-second answer never waits for it.
 */
export type ActionHandler = (args: Omit<BlockActionArgs, 'ack' | 'next'>, deps: ActionDeps) => Promise<void>;

/** What a button's handler may use besides Bolt's arguments. */
export interface ActionDeps {
  readonly logger: Logger;
  /** Where a diagnosis's findings are kept (absent only in unit tests of the dispatch). */
  readonly store?: Storage;
  /** Who may record facts (ADMIN_USER_IDS) and the default language (absent only in unit tests of the dispatch). */
  readonly config?: Pick<Config, 'adminUserIds' | 'lang'>;
  /** Business time, passed in. */
  readonly clock?: () => Date;
}
