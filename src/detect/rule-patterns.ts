import type { Lookalike } from './rule.js';

/** Pattern pieces, field helpers and look-alikes the KB954960 rules share (rules-client.ts, rules-server.ts, rules-server-facts.ts). */

/** A host name in a URL, or a placeholder such as `<WSUS server>` that copies from KB pages carry. */
export const HOST = String.raw`(?:(?<server>[A-Za-z0-9][A-Za-z0-9._-]{0,252})|\[(?<ipv6>[0-9A-Fa-f:.]{2,45})\]|<[^<>\r\n]{1,64}>)`;
/** A computer name as the verification commands print it (NetBIOS or DNS). */
export const HOST_NAME = String.raw`[A-Za-z0-9][A-Za-z0-9._-]{0,252}`;
export const GUID = String.raw`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`;
export const CLIENT_ASMX = String.raw`(?<url>https?://${HOST}(?::(?<port>\d{1,5}))?/ClientWebService/client\.asmx)`;

/** Server fields: an IPv6 literal counts as the server name; a placeholder yields none. */
export function serverFields(g: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const server = g.server ?? g.ipv6;
  if (server) out.server = server.toLowerCase();
  if (g.port) out.port = g.port;
  if (g.url && server) out.url = g.url;
  if (g.id) out.id = g.id.toLowerCase();
  return out;
}

/** The fault that shares InternalServerError with the KB954960 signature: several signature rules name it. */
export const SIMPLEAUTH_LOOKALIKE: Lookalike = {
  en: 'InternalServerError on SimpleAuthWebService/GetAuthorizationCookie is the SimpleAuth failure, not KB954960.',
  ja: 'SimpleAuthWebService/GetAuthorizationCookie の InternalServerError は SimpleAuth の障害で、KB954960 ではありません。',
};
