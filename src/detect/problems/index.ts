import type { Rule } from '../rule.js';
import { SIMPLEAUTH_FAILURE, SSL_CLIENT_CERTIFICATES, UNTRUSTED_ROOT_LOCAL_PUBLISHING, VDIR_401_403, type AccessRuleId } from './access.js';
import { PROXY_NAME_RESOLUTION, WSUS_APP_POOL_503, WSUS_TIMEOUTS } from './connection.js';
import type { ProblemPackOf } from './pack.js';
import { SQL_TIMEOUTS_KB909131, UPSTREAM_SYNC_SOAPEXCEPTION, type ServerRuleId } from './server.js';
import { INVALID_PARAMETERS_KB4096317, MAX_SERVER_ROUND_TRIPS, MESSAGE_TOO_LARGE, type SyncSizeRuleId } from './sync-size.js';

/*
 * The known WSUS client failures other than KB954960, as data, one pack per known cause, by theme:
 *   connection.ts  reaching the server: app pool 503, time-outs, proxy and name resolution
 *   access.ts      authentication and certificates: 401/403, client certificates, SimpleAuth, untrusted root
 *   sync-size.ts   too much to sync: InvalidParameters (KB4096317), round trips, message too large
 *   server.ts      the WSUS server's own failures: upstream sync (KB4482416), SQL time-outs (KB909131)
 * What a pack is: pack.ts. The line rules ride in the scanner's single pass beside the KB954960 rules. Pure data:
 * matching a scan against the packs is src/diagnose/problems.ts.
 */


/** The packs' line rules' ids: a pack's signature names them, and they are part of every finding's `RuleId`. */
export type ProblemRuleId = AccessRuleId | SyncSizeRuleId | ServerRuleId;

export type ProblemPack = ProblemPackOf<ProblemRuleId>;

/** In this order: a diagnosis lists its problems, and the scanner runs their line rules, in pack order. */
export const PROBLEM_PACKS: readonly ProblemPack[] = [
  WSUS_APP_POOL_503,
  WSUS_TIMEOUTS,
  PROXY_NAME_RESOLUTION,
  VDIR_401_403,
  SSL_CLIENT_CERTIFICATES,
  INVALID_PARAMETERS_KB4096317,
  SIMPLEAUTH_FAILURE,
  MAX_SERVER_ROUND_TRIPS,
  MESSAGE_TOO_LARGE,
  UNTRUSTED_ROOT_LOCAL_PUBLISHING,
  UPSTREAM_SYNC_SOAPEXCEPTION,
  SQL_TIMEOUTS_KB909131,
];

/** The packs' line rules, in pack order: the scanner runs them with the KB954960 rules. */
export const PROBLEM_RULES: readonly Rule<ProblemRuleId>[] = PROBLEM_PACKS.flatMap((p) => p.rules);

/** The known problems a failure code belongs to. */
export function packsForCode(code: string): ProblemPack[] {
  return PROBLEM_PACKS.filter((p) => p.codes.includes(code));
}
