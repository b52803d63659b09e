import type { Intent } from '../src/conversation/intents.js';
import { codeCommand } from './code.js';
import { helpReply } from './help.js';
import { serverCommand } from './server.js';
import { serversCommand } from './servers.js';
import { buildStatusReply } from './status.js';
import type { CommandContext, Reply } from './types.js';

/**
 * A question asked in a mention or a DM, answered by the command that answers it on the slash command: the same words
 * whichever way it is asked. Small talk is no command: null (the Slack edge decides whether it gets a line).
 */
export async function answerIntent(intent: Intent, ctx: CommandContext): Promise<Reply | null> {
  switch (intent.kind) {
    case 'help':
      return helpReply(ctx.lang, undefined, ctx);
    case 'status':
      return buildStatusReply(ctx);
    case 'code':
      return codeCommand([intent.code], ctx.lang);
    case 'server':
      // A name alone: what is known of it (never a recording: that takes `server NAME dll|wsus VERSION`).
      return serverCommand([intent.name], ctx);
    case 'servers':
      return serversCommand(intent.which, ctx);
    case 'thanks':
    case 'greeting':
      return null;
  }
}
