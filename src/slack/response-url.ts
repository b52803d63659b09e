import type { types } from '@slack/bolt';

/** What a response_url takes: an ephemeral (or in-channel) message. */
export interface ResponseMessage {
  readonly response_type?: 'ephemeral' | 'in_channel';
  readonly text: string;
  readonly blocks?: types.KnownBlock[];
}

/**
 * Slack's response_url hosts (hooks.slack.com, also on GovSlack), or the host the bot was told is Slack (SLACK_API_URL):
 * a response_url is read back from the store after a restart, so it is checked before anything is sent to it.
 */
export function isSlackResponseUrl(url: URL, apiHost: string): boolean {
  if (url.protocol === 'https:' && /(^|\.)slack(-gov)?\.com$/.test(url.hostname)) return true;
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.host === apiHost;
}

/**
 * Answers a slash command through its response_url (valid for 30 minutes, 5 answers), as Bolt's respond() does, but
 * from the durable queue, where Bolt's respond() of the original request is no longer at hand. Throws on a failure:
 * the queue tries again later.
 */
export async function postToResponseUrl(rawUrl: string, message: ResponseMessage, o: { apiHost: string; fetch?: typeof fetch }): Promise<void> {
  const url = new URL(rawUrl);
  if (!isSlackResponseUrl(url, o.apiHost)) throw new Error(`response_url outside Slack (${url.host}): not answered`);
  const res = await (o.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    redirect: 'error',
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}
