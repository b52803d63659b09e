import type { types } from '@slack/bolt';

/** A Home tab holds 100 blocks. */
export const HOME_MAX_BLOCKS = 100;

/** App Home: the fleet summary, each server with its proof, a divider, then how to use the bot; cut to what a Home tab holds. */
export function homeView(parts: { readonly status: readonly types.KnownBlock[]; readonly servers?: readonly types.KnownBlock[]; readonly help: readonly types.KnownBlock[] }): types.HomeView {
  const servers = parts.servers && parts.servers.length > 0 ? [{ type: 'divider' } as const, ...parts.servers] : [];
  return { type: 'home', blocks: [...parts.status, ...servers, { type: 'divider' }, ...parts.help].slice(0, HOME_MAX_BLOCKS) };
}
