import { KB954960_CODE } from '../kb954960.js';
import type { Diagnosis } from './diagnose.js';

/**
 * The failure codes of a diagnosis that nothing explains: not a known problem's, and not the KB954960 signature's
 * where the verdict already counts it. What a server's view lists beside its known problems.
 */
export function unexplainedCodes(d: Pick<Diagnosis, 'errors' | 'problems' | 'verdict' | 'learned'>): string[] {
  const explained = new Set(d.problems.flatMap((p) => p.codes));
  if (d.verdict === 'affected' || d.verdict === 'possible' || d.learned.affected) explained.add(KB954960_CODE);
  return d.errors.map((e) => e.code).filter((c) => !explained.has(c));
}
