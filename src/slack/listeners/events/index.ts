import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { appHomeOpened } from './app-home-opened.js';

export function registerEventListeners(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
