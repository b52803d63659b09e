import type { RuleRole } from '../detect/rule.js';
import type { Correlation, Signature } from '../detect/signature.js';
import type { Finding, RuleId } from '../detect/types.js';

/*
 * Evaluates a signature written as data (src/detect/signature.ts) against a scan's findings. Generic: it knows
 * correlations, groups and exclusions, not KB954960.
 */

export interface SignatureMatch {
  /** At least one of the signature's correlations holds. */
  readonly present: boolean;
  /** The sync attempts in which a per-attempt correlation holds, ascending. */
  readonly attempts: readonly number[];
  /** The evidence of every correlation that holds (in the signature's order), then every accompanying finding. */
  readonly evidence: readonly Finding[];
}

export function evaluateSignature(signature: Signature, findings: readonly Finding[], roleOf: (rule: RuleId) => RuleRole | undefined): SignatureMatch {
  const attempts = new Set<number>();
  const evidence: Finding[] = [];
  let present = false;
  for (const correlation of signature.anyOf) {
    const { held, shown } = correlate(correlation, findings, roleOf);
    if (held.size === 0) continue;
    present = true;
    if (correlation.within === 'sync-attempt') for (const a of held) attempts.add(a);
    evidence.push(...shown);
  }
  for (const rule of signature.accompaniedBy) evidence.push(...findings.filter((f) => f.rule === rule));
  return { present, attempts: [...attempts].sort((a, b) => a - b), evidence };
}

/** The groups (sync attempts, or the one group of the whole input) in which the correlation holds, and its evidence. */
function correlate(c: Correlation, findings: readonly Finding[], roleOf: (rule: RuleId) => RuleRole | undefined): { held: Set<number>; shown: Finding[] } {
  const keyOf = (f: Finding) => (c.within === 'sync-attempt' ? f.attempt : 0);
  const groups = new Map<number, Finding[]>();
  for (const f of findings) {
    if (f.source !== c.source) continue;
    const list = groups.get(keyOf(f));
    if (list) list.push(f);
    else groups.set(keyOf(f), [f]);
  }
  const held = new Set<number>();
  for (const [key, group] of groups) {
    const complete = c.all.every((anyOf) => group.some((f) => anyOf.includes(f.rule)));
    const excluded = (c.unless ?? []).some((x) => group.some((f) => f.rule === x.rule && f.fields[x.field] !== x.isNot));
    if (complete && !excluded) held.add(key);
  }
  const inHeld = (f: Finding) => f.source === c.source && held.has(keyOf(f));
  const roles = c.evidence.roles ?? [];
  const hasRole = (f: Finding) => {
    const role = roleOf(f.rule);
    return role !== undefined && roles.includes(role);
  };
  const shown = [
    ...findings.filter((f) => inHeld(f) && hasRole(f)),
    ...(c.evidence.rules ?? []).flatMap((rule) => findings.filter((f) => f.rule === rule && inHeld(f))),
  ];
  return { held, shown };
}
