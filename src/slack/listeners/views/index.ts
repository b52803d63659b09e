import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { CHECK_MODAL_ID } from '../../views/check-modal.js';
import { checkModalSubmission } from './check-modal-submission.js';

export function registerViewListeners(app: App, deps: ListenerDeps): void {
  app.view(CHECK_MODAL_ID, checkModalSubmission(deps));
}
