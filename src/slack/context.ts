import type { Storage } from '../store/port.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { SlackInbox } from './inbox.js';

/** What the listeners may use. Listeners stay thin: parse → write the work to the inbox (or answer from the store). */
export interface ListenerDeps {
  readonly config: Config;
  readonly store: Storage;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly inbox: SlackInbox;
}
