import type { types } from '@slack/bolt';
import type { Lang } from '../../lang.js';
import { renderHelp } from '../../render/help.js';
import { renderServerList, type ProofLine } from '../../render/server.js';
import { renderStatusBlocks } from '../../render/status-blocks.js';
import type { ServerFacts } from '../../diagnose/server-state.js';
import type { FleetStatus } from '../../fleet/status.js';
import { loadFleetStatus } from '../../status/query.js';
import type { Storage } from '../../store/port.js';

/** A Home tab holds 100 blocks. */
export const HOME_MAX_BLOCKS = 100;

/** What App Home shows, as read from the store when the user opened it. */
export interface HomeInput {
  readonly lang: Lang;
  /** The fleet summary (src/status/query.ts loadFleetStatus). */
  readonly fleet: FleetStatus;
  /** Each server known, with where its recorded facts came from. */
  readonly servers: readonly { readonly facts: ServerFacts; readonly proofs: readonly ProofLine[] }[];
}

/** What App Home shows, read from the store at `now` in the reader's language (the listener and its test read it alike). */
export async function readHomeInput(store: Storage, lang: Lang, now: Date): Promise<HomeInput> {
  const servers = await Promise.all((await store.servers.list()).map(async (facts) => ({ facts, proofs: await store.servers.proofsOf(facts.name) })));
  return { lang, fleet: await loadFleetStatus(store, now), servers };
}

/** App Home: the fleet summary, each server with its proof, a divider, then how to use the bot; cut to what a Home tab holds. */
export function homeView(home: HomeInput): types.HomeView {
  const status = renderStatusBlocks(home.fleet, home.lang).blocks;
  const servers = home.servers.length > 0 ? [{ type: 'divider' } as const, ...renderServerList(home.servers, home.lang)] : [];
  // The download / KB / advisory buttons once: the status carries them except on a quiet day, then the help does.
  const help = renderHelp(home.lang).blocks;
  const helpBlocks = status.some((b) => b.type === 'actions') ? help.filter((b) => b.type !== 'actions') : help;
  return { type: 'home', blocks: [...status, ...servers, { type: 'divider' }, ...helpBlocks].slice(0, HOME_MAX_BLOCKS) };
}
