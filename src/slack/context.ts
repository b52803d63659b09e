import type { Store } from '../../db/store.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Background } from './background.js';
import type { SlackInbox } from './inbox.js';

/** What every listener may use. Listeners stay thin: parse → core → render. */
export interface SlackContext {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly inbox: SlackInbox;
  readonly background: Background;
  readonly onSubscriptionsChanged: () => void;
}
