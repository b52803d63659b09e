import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { kb954960Command, SLASH_COMMAND } from './kb954960.js';

export { SLASH_COMMAND } from './kb954960.js';

export function registerCommandListeners(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, kb954960Command(deps));
}
