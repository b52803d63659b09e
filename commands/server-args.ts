import type { Lang } from '../src/lang.js';
import { canonicalServerName } from '../src/diagnose/server-name.js';
import { parseVersion, type ParsedVersion } from '../src/diagnose/versions.js';
import { msg } from '../src/render/messages/index.js';

/**
 * Server names and versions as every command accepts them: a name, an FQDN or a URL (`http://wsus01:8530/…`); a
 * version with or without a `v`. Refusals say why, in the asker's language, and record nothing.
 */
/** What the user typed, quoted back short: a 100 kB argument gets a one-line answer. */
function quoted(input: string): string {
  return `'${input.length > 60 ? `${input.slice(0, 59)}…` : input}'`;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function parseServerName(input: string, lang: Lang): Parsed<string> {
  const name = canonicalServerName(input);
  if (name) return { ok: true, value: name };
  return { ok: false, error: msg(lang).serverFacts.notAName({ input: quoted(input) }) };
}

const BUILDS = '3.0.6000.x (WSUS 3.0 RTM), 3.1.6001.x (SP1), 3.2.7600.x (SP2), 6.2.9200.x / 6.3.9600.x / 10.0.x (WSUS 4.0+)';

export function parseVersionArg(input: string, lang: Lang): Parsed<Extract<ParsedVersion, { ok: true }>> {
  const v = parseVersion(input);
  if (v.ok) return { ok: true, value: v };
  const m = msg(lang).serverFacts;
  return { ok: false, error: v.reason === 'format' ? m.notAVersion({ input: quoted(input) }) : m.notABuild({ input: quoted(input), builds: BUILDS }) };
}
