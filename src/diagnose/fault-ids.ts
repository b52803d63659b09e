import type { Finding } from '../detect/types.js';

/** One failure's identity: the client logs it as `ID:<guid>`, the server as `ID=<guid>`. */
export interface FaultId {
  readonly id: string;
  readonly side: 'client' | 'server';
}

const SIDE: Readonly<Record<string, 'client' | 'server'>> = {
  'client-fault-id': 'client',
  'server-throwexception-internalservererror': 'server',
  'server-throwexception-other': 'server',
};

/** The fault IDs an input shows (rules put the lower-cased GUID in `fields.id`), each once. */
export function faultIdsOf(findings: readonly Finding[]): FaultId[] {
  const seen = new Map<string, FaultId>();
  for (const f of findings) {
    const side = SIDE[f.rule];
    const id = f.fields.id;
    if (side && id && !seen.has(id)) seen.set(id, { id, side });
  }
  return [...seen.values()];
}
