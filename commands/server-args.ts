import type { Lang } from '../src/detect/types.js';
import { canonicalServerName } from '../src/diagnose/server-name.js';
import { parseVersion, type ParsedVersion } from '../src/diagnose/versions.js';

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
  return {
    ok: false,
    error:
      lang === 'ja'
        ? `${quoted(input)} はサーバー名として読めません (例: wsus01、wsus01.corp.example、http://wsus01:8530)。`
        : `${quoted(input)} is not a server name (try wsus01, wsus01.corp.example or http://wsus01:8530).`,
  };
}

const BUILDS = '3.0.6000.x (WSUS 3.0 RTM), 3.1.6001.x (SP1), 3.2.7600.x (SP2), 6.2.9200.x / 6.3.9600.x / 10.0.x (WSUS 4.0+)';

export function parseVersionArg(input: string, lang: Lang): Parsed<Extract<ParsedVersion, { ok: true }>> {
  const v = parseVersion(input);
  if (v.ok) return { ok: true, value: v };
  const ja = lang === 'ja';
  if (v.reason === 'format') {
    return {
      ok: false,
      error: ja
        ? `usage: server NAME dll|wsus VERSION — ${quoted(input)} はバージョンとして読めません (例: 3.1.6001.66)。何も記録していません。`
        : `usage: server NAME dll|wsus VERSION — ${quoted(input)} is not a version (it looks like 3.1.6001.66). Nothing was recorded.`,
    };
  }
  return {
    ok: false,
    error: ja
      ? `${quoted(input)} は WSUS のビルド番号ではありません。WSUS は ${BUILDS} です。何も記録していません。`
      : `${quoted(input)} is not a WSUS build: WSUS versions are ${BUILDS}. Nothing was recorded.`,
  };
}
