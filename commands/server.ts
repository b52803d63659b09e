import { z } from 'zod';
import { normalizeServerName } from '../src/diagnose/diagnose.js';
import { serverState } from '../src/diagnose/server-state.js';
import { isAdmin } from '../src/admins.js';
import { renderServerBlocks, renderServerText } from '../src/render/server.js';
import { notRecordedText } from '../src/render/not-recorded.js';
import { usageError, type CommandContext, type Reply } from './types.js';

const NAME = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/, 'a server name is a host name such as wsus01 or wsus01.corp.example')
  .transform(normalizeServerName);
const VERSION = z.string().regex(/^\d+\.\d+\.\d+\.\d+$/, 'a version looks like 3.1.6001.66');

export const serverArgs = z.union([
  z.tuple([NAME]).transform(([name]) => ({ name, set: undefined })),
  z.tuple([NAME, z.enum(['dll', 'wsus']), VERSION]).transform(([name, kind, version]) => ({ name, set: { kind, version } })),
]);

export const SERVER_USAGE = 'server NAME  |  server NAME dll VERSION  |  server NAME wsus VERSION';

/** `server NAME` shows what is known; `server NAME dll|wsus VERSION` records a fact an admin read off the server. */
export function serverCommand(args: readonly string[], ctx: CommandContext): Reply {
  const parsed = serverArgs.safeParse(args);
  if (!parsed.success) {
    const detail = parsed.error.issues.find((i) => i.code === 'invalid_format')?.message;
    return usageError(`usage: ${SERVER_USAGE}${detail ? ` (${detail})` : ''}`);
  }
  const { name, set } = parsed.data;
  if (set) {
    if (!isAdmin(ctx)) {
      const withheld = set.kind === 'dll' ? { server: name, dllVersion: set.version } : { server: name, wsusVersion: set.version };
      return { text: notRecordedText(withheld, ctx.adminUserIds, ctx.lang), exitCode: 2 };
    }
    ctx.store.recordServerVersion(name, set.kind, set.version, ctx.now.toISOString());
  }
  const facts = ctx.store.server(name);
  if (!facts) {
    return {
      text: ctx.lang === 'ja' ? `${name} の記録はまだありません。` : `Nothing is known of ${name} yet.`,
      json: { server: name, state: 'unknown', known: false },
      exitCode: 0,
    };
  }
  return {
    text: renderServerText(facts, ctx.lang),
    blocks: renderServerBlocks(facts, ctx.lang),
    json: { server: facts.name, state: serverState(facts), known: true, facts },
    exitCode: 0,
  };
}
