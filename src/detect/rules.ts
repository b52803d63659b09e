import type { Lookalike, Rule } from './rule.js';
import { CLIENT_RULES } from './rules-client.js';
import { SERVER_FACT_RULES } from './rules-server-facts.js';
import { SERVER_RULES } from './rules-server.js';

/*
 * The KB954960 detection rules, as data (Sigma-style): what each matches, why it matters, and examples
 * that test/rules.test.ts runs. Facts and sample lines come from docs/kb954960.md — keep them exact.
 *
 * Pattern hygiene: every pattern is searched only on lines that contained one of its literals, and must
 * stay linear on a 1 MB line (no nested quantifiers; whole-line lookaheads are anchored with ^).
 */

/** In this order: rules sharing a group are exclusive on a line, and the first in RULES order wins. */
export const RULES = [...CLIENT_RULES, ...SERVER_RULES, ...SERVER_FACT_RULES] as const satisfies readonly Rule[];

/** The KB954960 rules' ids (a literal union: `as const` above). */
export type KbRuleId = (typeof RULES)[number]['id'];

/** What a code or fault name reported by a look-alike rule really is, from the rules' own look-alikes. */
export function lookalikeFor(code: string): Lookalike | undefined {
  for (const rule of RULES as readonly Rule[]) {
    const found = rule.lookalikes?.find((l) => l.code === code);
    if (found) return found;
  }
  return undefined;
}
