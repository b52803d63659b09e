import { readFileSync } from 'node:fs';
import { fixturePath } from './fixtures.js';

/** One real public excerpt kept as a fixture, with what it must show (test/fixtures/excerpts/index.json). */
export interface Excerpt {
  readonly file: string;
  readonly source: string;
  readonly title: string;
  /** Packs the diagnosis must name, and must not. */
  readonly must: readonly string[];
  readonly mustNot: readonly string[];
  /** No known problem at all: the reply says what to collect. */
  readonly none?: boolean;
  /** The problem named first, and the code listed first: what explains the failure. */
  readonly first?: string;
  readonly firstCode?: string;
  /** Words the first step must (or must not) hold: it fits the excerpt's context. */
  readonly firstStepIncludes?: string;
  readonly firstStepExcludes?: string;
}

export const EXCERPTS: readonly Excerpt[] = (JSON.parse(readFileSync(fixturePath('excerpts/index.json'), 'utf8')) as { excerpts: Excerpt[] }).excerpts;

/** An excerpt's text as its source printed it. */
export function excerpt(file: string): string {
  return readFileSync(fixturePath(`excerpts/${file}`), 'utf8');
}
