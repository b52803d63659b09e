import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerActionListeners } from './actions/index.js';
import { registerCommandListeners } from './commands/index.js';
import { registerEventListeners } from './events/index.js';
import { registerMessageListeners } from './messages/index.js';
import { registerShortcutListeners } from './shortcuts/index.js';
import { registerViewListeners } from './views/index.js';

/** Every way in, grouped by Slack feature; each folder's index registers its typed callbacks. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerMessageListeners(app, deps);
  registerCommandListeners(app, deps);
  registerViewListeners(app, deps);
  registerShortcutListeners(app, deps);
  registerEventListeners(app, deps);
  registerActionListeners(app, deps);
}
