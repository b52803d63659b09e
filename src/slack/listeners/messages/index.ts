import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { logPasteMessage } from './log-paste.js';

export function registerMessageListeners(app: App, deps: ListenerDeps): void {
  app.event('message', logPasteMessage(deps));
}
