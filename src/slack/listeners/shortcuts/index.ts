import type { App, MessageShortcut } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { DIAGNOSE_SHORTCUT_ID, diagnoseShortcut } from './diagnose.js';

export { DIAGNOSE_SHORTCUT_ID } from './diagnose.js';

export function registerShortcutListeners(app: App, deps: ListenerDeps): void {
  app.shortcut<MessageShortcut>(DIAGNOSE_SHORTCUT_ID, diagnoseShortcut(deps));
}
