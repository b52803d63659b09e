/** `kb954960 serve`: run the Slack bot, or say what to set up first. */
import { loadConfig } from '../config.js';

/** `npm start` on a machine with no Slack settings yet: what to set, where it comes from, and what works meanwhile. */
const NOT_SET_UP = `kb954960: no Slack app is configured yet, so the bot cannot start.
  1. Create the app from manifest.yml (https://api.slack.com/apps → Create New App → From a manifest).
  2. Set SLACK_BOT_TOKEN (xoxb-…, "Install App") and SLACK_APP_TOKEN (xapp-…, "Basic Information → App-Level Tokens",
     scope connections:write) — or SLACK_SIGNING_SECRET for HTTP mode. .env.example lists every variable.
  3. set -a && . ./.env && set +a && npm start
Meanwhile the same diagnosis runs without Slack:
  node dist/src/cli.js scan examples/WindowsUpdate.log
`;

/** -1: the bot keeps running until a signal. Its config is its own: serve needs the Slack settings the others do not. */
export async function serveCli(): Promise<number> {
  if (!process.env.SLACK_BOT_TOKEN && !process.env.SLACK_APP_TOKEN && !process.env.SLACK_SIGNING_SECRET) {
    process.stderr.write(NOT_SET_UP);
    return 2;
  }
  const config = loadConfig(process.env, { forServe: true });
  const { serve } = await import('../slack/serve.js'); // loaded only here: scan starts fast without Bolt
  await serve(config);
  return -1;
}
