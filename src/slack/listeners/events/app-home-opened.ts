import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { homeView, readHomeInput } from '../../views/home.js';

/**
 * App Home, published from the store as it is now (nothing to queue: the next visit publishes it again). Built and
 * published after the ack, on the inbox's pump: the ack (deferred until the listener returns, in both modes) never
 * waits for a Web API round trip.
 */
export function appHomeOpened(deps: Pick<ListenerDeps, 'store' | 'config' | 'clock' | 'inbox'>) {
  return async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab && event.tab !== 'home') return;
    deps.inbox.runAfterAck('app home', async () => {
      const lang = await deps.store.readers.langFor(event.user, deps.config.lang);
      // Published for the user who opened it: each viewer sees the fleet as it is at that moment.
      await client.views.publish({ user_id: event.user, view: homeView(await readHomeInput(deps.store, lang, deps.clock())) });
    });
  };
}
