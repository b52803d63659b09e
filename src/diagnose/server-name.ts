/**
 * One server, one identity. What users type and logs print — `WSUS01`, `http://WSUS01:8530/ClientWebService/client.asmx`,
 * `<http://wsus01:8530|wsus01:8530>` (Slack's link), `[fe80::1]:8530` — becomes one canonical spelling; and a short
 * name and its FQDN are resolved to the one server they name where that is unambiguous. Pure: the caller hands in
 * the names it knows.
 */

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:.]{2,45}$/;

/**
 * The canonical name: lower case; Slack's `<url|label>` unwrapped; scheme, user info, port, path, query and a
 * trailing dot stripped; IPv6 brackets removed. The FQDN is kept when given (`wsus01.corp.example`). null when what
 * remains is no host name or address.
 */
export function canonicalServerName(input: string): string | null {
  let s = input.trim();
  const slackLink = /^<([^<>|]*)(?:\|[^<>]*)?>$/.exec(s);
  if (slackLink) s = slackLink[1]!.trim();
  s = s.toLowerCase();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(s);
  if (scheme) s = s.slice(scheme[0].length);
  s = s.replace(/[/?#].*$/s, ''); // path, query, fragment
  s = s.replace(/^[^@]*@/, ''); // user info
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return null;
    const rest = s.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null;
    const v6 = s.slice(1, end);
    return IPV6.test(v6) && v6.includes(':') ? v6 : null;
  }
  if ((s.match(/:/g) ?? []).length > 1) return IPV6.test(s) ? s : null; // a bare IPv6 address
  s = s.replace(/:\d{1,5}$/, '').replace(/\.$/, '');
  if (s.length === 0 || s.length > 253) return null;
  if (IPV4.test(s)) return s.split('.').every((p) => Number(p) <= 255) ? s : null;
  return s.split('.').every((l) => LABEL.test(l)) ? s : null;
}

export function isIpAddress(name: string): boolean {
  return IPV4.test(name) || name.includes(':');
}

/** `wsus01.corp.example` → `wsus01`; a short name or an address has none. */
function firstLabel(name: string): string | undefined {
  if (isIpAddress(name) || !name.includes('.')) return undefined;
  return name.slice(0, name.indexOf('.'));
}

export type ServerResolution =
  /** One known server: `name` is its row; `alias` is set when it was reached under another spelling. */
  | { readonly kind: 'known'; readonly name: string; readonly alias?: string }
  /** A server not known yet, under this canonical name. */
  | { readonly kind: 'new'; readonly name: string }
  /** A short name several known servers could be: never guessed. */
  | { readonly kind: 'ambiguous'; readonly name: string; readonly candidates: readonly string[] }
  | { readonly kind: 'invalid'; readonly input: string };

/**
 * Resolves a name against the directory of known names (each server's own name and its aliases → that server).
 * - the exact canonical name or a kept alias wins;
 * - a short name (`wsus01`) is the one server known under an FQDN starting with `wsus01.` — when only one is;
 * - an FQDN (`wsus01.corp.example`) is the server known by its short name `wsus01`, unless an FQDN of that short name
 *   in another domain is known too (never across different domains);
 * - addresses match only exactly.
 */
export function resolveServer(input: string, directory: ReadonlyMap<string, string>): ServerResolution {
  const name = canonicalServerName(input);
  if (!name) return { kind: 'invalid', input };
  const exact = directory.get(name);
  if (exact) return exact === name ? { kind: 'known', name } : { kind: 'known', name: exact, alias: name };
  if (isIpAddress(name)) return { kind: 'new', name };
  const label = firstLabel(name);
  if (label === undefined) {
    const rows = new Set<string>();
    for (const [known, row] of directory) if (firstLabel(known) === name) rows.add(row);
    if (rows.size === 1) return { kind: 'known', name: [...rows][0]!, alias: name };
    if (rows.size > 1) return { kind: 'ambiguous', name, candidates: [...rows].sort() };
    return { kind: 'new', name };
  }
  const short = directory.get(label);
  if (!short) return { kind: 'new', name };
  const otherDomain = [...directory.keys()].some((known) => firstLabel(known) === label && known !== name);
  return otherDomain ? { kind: 'new', name } : { kind: 'known', name: short, alias: name };
}

/** The names a store knows, split by whose naming they come from. */
export interface ServerDirectory {
  /** Names admins gave (row names and aliases) → the row they mean. */
  readonly trusted: ReadonlyMap<string, string>;
  /** Rows only non-admins have named: matched by their exact name, never joined to another spelling. */
  readonly unvouched: ReadonlySet<string>;
}

/**
 * Resolves a name someone gave, by who gave it. An exact name (a row, an admin's alias) means that row, whoever named
 * it. Beyond that, admins' names are resolved as resolveServer does, against admins' names only, so a row a non-admin
 * made never makes an admin's name ambiguous. A non-admin's short name reaches the one FQDN admins use, but a
 * non-admin's FQDN is never joined to a short name (`wsus03.evil.example` is not `wsus03`): it is a server of its own.
 */
export function resolveServerAs(input: string, directory: ServerDirectory, byAdmin: boolean): ServerResolution {
  const name = canonicalServerName(input);
  if (name && !directory.trusted.has(name) && directory.unvouched.has(name)) return { kind: 'known', name };
  const r = resolveServer(input, directory.trusted);
  if (byAdmin || r.kind !== 'known' || r.alias === undefined || directory.trusted.has(r.alias) || firstLabel(r.alias) === undefined) return r;
  return { kind: 'new', name: r.alias };
}
