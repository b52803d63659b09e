import type { Rule } from '../rule.js';
import {
  SECURE_FAILURE_0X80072F8F,
  SIMPLEAUTH_FAILURE,
  SSL_CLIENT_CERTIFICATES,
  UNSIGNED_CONTENT_0X800B0100,
  UNTRUSTED_ROOT_LOCAL_PUBLISHING,
  VDIR_401_403,
  WSUS30SP2_SHA2_KB4484071,
  type AccessRuleId,
} from './access.js';
import { CAB_CHECK_0X8024402F, WU_ACCESS_TURNED_OFF, type ClientRuleId } from './client.js';
import { PROXY_BYPASS_LIST, PROXY_NAME_RESOLUTION, WSUS_APP_POOL_503, WSUS_TIMEOUTS, WSUS_URL_NOT_FOUND } from './connection.js';
import { EVIDENCE_RULES, type EvidenceRuleId } from './evidence.js';
import type { ProblemPackOf } from './pack.js';
import { SQL_TIMEOUTS_KB909131, UPSTREAM_SYNC_SOAPEXCEPTION, type ServerRuleId } from './server.js';
import { INVALID_PARAMETERS_KB4096317, MAX_SERVER_ROUND_TRIPS, MESSAGE_TOO_LARGE, type SyncSizeRuleId } from './sync-size.js';

/*
 * The known WSUS client failures other than KB954960, as data, one pack per known cause, by theme:
 *   connection.ts  reaching the server: app pool 503, time-outs, empty proxy bypass list, proxy and name resolution, 404
 *   access.ts      authentication and certificates: 401/403, client certificates, SimpleAuth, SSL (0x80072F8F),
 *                  untrusted root (local publishing; WSUS 3.0 SP2 without SHA-2), unsigned content (0x800B0100)
 *   client.ts      the client's own side: cab checks (0x8024402F), policy that turns Windows Update off (0x8024002E)
 *   sync-size.ts   too much to sync: InvalidParameters (KB4096317), round trips, message too large
 *   server.ts      the WSUS server's own failures: upstream sync (KB4482416), SQL time-outs (KB909131)
 *   evidence.ts    what several packs read beside the codes: HTTP statuses, IIS app pool lines, proxy and bypass lists,
 *                  which service the client talks to, the server's own synchronization
 * What a pack is: pack.ts. The line rules ride in the scanner's single pass beside the KB954960 rules. Pure data:
 * matching a scan against the packs is src/diagnose/problems.ts; docs/problem-packs.md is their table.
 */

/** The packs' line rules' ids: a pack's signature names them, and they are part of every finding's `RuleId`. */
export type ProblemRuleId = AccessRuleId | ClientRuleId | SyncSizeRuleId | ServerRuleId | EvidenceRuleId;

export type ProblemPack = ProblemPackOf<ProblemRuleId>;

/**
 * In this order the scanner runs their line rules, and a diagnosis lists problems whose codes rank alike (it lists them
 * by what explains the failure first: src/diagnose/problems.ts).
 */
export const PROBLEM_PACKS: readonly ProblemPack[] = [
  WSUS_APP_POOL_503,
  PROXY_BYPASS_LIST,
  WSUS_TIMEOUTS,
  PROXY_NAME_RESOLUTION,
  WSUS_URL_NOT_FOUND,
  VDIR_401_403,
  SSL_CLIENT_CERTIFICATES,
  SECURE_FAILURE_0X80072F8F,
  WU_ACCESS_TURNED_OFF,
  CAB_CHECK_0X8024402F,
  INVALID_PARAMETERS_KB4096317,
  SIMPLEAUTH_FAILURE,
  MAX_SERVER_ROUND_TRIPS,
  MESSAGE_TOO_LARGE,
  WSUS30SP2_SHA2_KB4484071,
  UNTRUSTED_ROOT_LOCAL_PUBLISHING,
  UNSIGNED_CONTENT_0X800B0100,
  UPSTREAM_SYNC_SOAPEXCEPTION,
  SQL_TIMEOUTS_KB909131,
];

/** The shared evidence rules, then the packs' own line rules in pack order: the scanner runs them with the KB954960 rules. */
export const PROBLEM_RULES: readonly Rule<ProblemRuleId>[] = [...EVIDENCE_RULES, ...PROBLEM_PACKS.flatMap((p) => p.rules)];

/** The known problems a failure code belongs to. */
export function packsForCode(code: string): ProblemPack[] {
  return PROBLEM_PACKS.filter((p) => p.codes.includes(code));
}
