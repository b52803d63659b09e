import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';

/** The Events API event types the app registers listeners for (manifest.yml subscribes to exactly these). */
export const EVENT_TYPES = ['app_home_opened', 'app_mention', 'message'] as const;

export function registerEventListeners(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_mention', appMention(deps));
}
