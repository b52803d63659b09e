import { isAdmin } from '../src/admins.js';
import { assessServer } from '../src/diagnose/server-state.js';
import { msg } from '../src/render/messages/index.js';
import { renderServerBlocks, renderServerText } from '../src/render/server.js';
import { serverFailuresBlocks, serverFailuresText } from '../src/render/server-failures.js';
import { notRecordedText } from '../src/render/not-recorded.js';
import { clientHealthBlocks, clientHealthJson, clientHealthText } from '../src/render/client-health.js';
import { parseServerName, parseVersionArg } from './server-args.js';
import { usageError, type CommandContext, type Reply } from './types.js';

export const SERVER_USAGE = 'server NAME  |  server NAME dll VERSION  |  server NAME wsus VERSION';

/**
 * `server NAME` shows what is known; `server NAME dll|wsus VERSION` records a fact an admin read off the server.
 * NAME may be a short name, an FQDN or a URL; a short name and its FQDN are one server where unambiguous.
 */
export async function serverCommand(args: readonly string[], ctx: CommandContext): Promise<Reply> {
  const [nameArg, kindArg, versionArg, ...extra] = args;
  const kind = kindArg?.toLowerCase();
  if (nameArg === undefined || extra.length > 0 || (kindArg !== undefined && (versionArg === undefined || (kind !== 'dll' && kind !== 'wsus')))) {
    return usageError(msg(ctx.lang).usage({ syntax: SERVER_USAGE }));
  }
  const name = parseServerName(nameArg, ctx.lang);
  if (!name.ok) return usageError(name.error);
  const resolution = await ctx.store.servers.resolve(name.value);
  if (resolution.kind === 'ambiguous') {
    return usageError(msg(ctx.lang).serverFacts.ambiguous({ server: name.value, candidates: resolution.candidates.join(', ') }));
  }
  if (versionArg !== undefined) {
    const version = parseVersionArg(versionArg, ctx.lang);
    if (!version.ok) return usageError(version.error);
    const v = version.value.version;
    if (!isAdmin(ctx)) {
      const withheld = kind === 'dll' ? { server: name.value, dllVersion: v } : { server: name.value, wsusVersion: v };
      return { text: notRecordedText(withheld, ctx.adminUserIds, ctx.lang), exitCode: 2 };
    }
    await ctx.store.servers.recordVersion(name.value, kind as 'dll' | 'wsus', v, ctx.now.toISOString(), { userId: ctx.userId, channelId: ctx.channelId });
  }
  const facts = await ctx.store.servers.facts(name.value);
  if (!facts) {
    return {
      text: msg(ctx.lang).serverFacts.nothingKnown({ server: name.value }),
      json: { server: name.value, state: 'unknown', known: false },
      exitCode: 0,
    };
  }
  const assessment = assessServer(facts);
  // Who recorded each fact, when, from which thread: the proof behind the state.
  const proofs = await ctx.store.servers.proofsOf(facts.name);
  // Every failure counts: what else the server has shown, beside its KB954960 state.
  const failures = await ctx.store.servers.failuresOf(facts.name);
  // Its clients, when it reports itself (scripts/windows/Send-KB954960Report.ps1).
  const reporting = await ctx.store.fleet.reportingOf(facts.name);
  const blocks = renderServerBlocks(facts, ctx.lang, proofs);
  const beforeNote = blocks.findIndex((b) => b.type === 'context');
  blocks.splice(
    beforeNote < 0 ? blocks.length : beforeNote,
    0,
    ...serverFailuresBlocks(failures, ctx.lang),
    ...clientHealthBlocks(reporting, ctx.lang, ctx.now),
  );
  return {
    text: [
      renderServerText(facts, ctx.lang, proofs, ctx.times),
      serverFailuresText(failures, ctx.lang),
      clientHealthText(reporting, ctx.lang, ctx.now, ctx.times),
    ]
      .filter(Boolean)
      .join('\n'),
    blocks,
    json: {
      server: facts.name,
      state: assessment.state,
      ...(assessment.reason ? { reason: assessment.reason } : {}),
      known: true,
      aliases: await ctx.store.servers.aliasesOf(facts.name),
      facts,
      proofs,
      failures,
      ...(reporting ? { reporting: clientHealthJson(reporting, ctx.now) } : {}),
    },
    exitCode: 0,
  };
}
