import type { AnyMiddlewareArgs, Middleware, webApi } from '@slack/bolt';
import type { Logger } from '../log.js';

/**
 * The workspace and the app the bot runs as. A request signed with our secret (or sent down our Socket Mode
 * connection) still comes from somewhere: a second workspace the app was installed in, or another app sharing the
 * secret's leak. Only the bot's own installation may diagnose, record or change anything.
 */
export interface Installation {
  readonly teamId: string;
  /**
   * The app's id, when Slack tells it: auth.test with the bot token, or with the app-level token (Socket Mode). In
   * HTTP mode without it, the signing secret — the app's own — is what proves the app.
   */
  readonly appId?: string;
}

/** Asks Slack who the bot is (auth.test): its workspace, and its app where either token says. */
export async function learnInstallation(client: webApi.WebClient, appToken?: string): Promise<Installation> {
  const bot = await client.auth.test();
  if (!bot.team_id) throw new Error('auth.test names no workspace for the bot token');
  let appId = bot.app_id;
  if (!appId && appToken) appId = (await client.auth.test({ token: appToken })).app_id;
  return { teamId: bot.team_id, ...(appId ? { appId } : {}) };
}

/**
 * Bolt global middleware: a request from another workspace or app is acknowledged (so Slack does not send it again)
 * and goes no further — no listener runs, nothing is queued, diagnosed or recorded. The team is the one Bolt
 * authorizes for (an event's installation, a command's or interaction's team). Before the installation is known,
 * nothing passes: the receivers start only after it is.
 */
export function ownInstallationOnly(installation: () => Installation | undefined, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const own = installation();
    const body = args.body as { type?: string; api_app_id?: string; event?: { type?: string } };
    const teamId = args.context.teamId;
    const appId = body.api_app_id;
    const foreignTeam = !own || teamId !== own.teamId;
    const foreignApp = own?.appId !== undefined && appId !== undefined && appId !== own.appId;
    if (!foreignTeam && !foreignApp) {
      await args.next();
      return;
    }
    // Ids only: never the body, which may carry a legacy verification token and a user's paste.
    logger.warn(
      { team_id: teamId ?? null, api_app_id: appId ?? null, type: body.event?.type ?? body.type ?? null },
      'ignored a request from another workspace or app',
    );
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}
