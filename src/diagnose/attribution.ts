import { normalizeServerName } from './diagnose.js';

/**
 * Server names people write around a paste (not in the log itself): "on wsus02:", "wsus02:", "for wsus02" in the
 * message's first line, or a bare name as the whole message ("reply in this thread with the server name").
 * Log lines and PowerShell output also have `Word:` shapes, so only the first line counts and known log words are
 * never names.
 */
const HOST = String.raw`(?:https?://)?([a-z][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*)(?::\d{1,5})?(?:/\S*)?`;
/** A server as people write it: a short name, an FQDN or a URL (the name is its first group). */
export const SERVER_NAME_PATTERN = HOST;
const FIRST_LINE_PATTERNS = [
  new RegExp(String.raw`^(?:on|for)\s+${HOST}\s*:?`, 'i'),
  new RegExp(String.raw`\b(?:on|for)\s+${HOST}\s*:\s*$`, 'i'),
  new RegExp(String.raw`^${HOST}\s*:\s*$`, 'i'),
];
const WHOLE_MESSAGE = new RegExp(String.raw`^(?:(?:on|for|server)\s+)?${HOST}[.!]?$`, 'i');

/** Words that look like a name before a colon but are log or output vocabulary. */
const NOT_NAMES = new Set([
  'warning',
  'error',
  'info',
  'fatal',
  'agent',
  'pt',
  'misc',
  'setup',
  'handler',
  'report',
  'dnldmgr',
  'au',
  'id',
  'fileversion',
  'productversion',
  'versionstring',
  'version',
  'name',
  'path',
  'source',
  'message',
  'log',
  'logs',
  'the',
  'this',
  'that',
  'it',
  'a',
  'an',
  'me',
  'us',
  'now',
  'today',
  'example',
  'server',
  'client',
  'wsus',
  'http',
  'https',
  'kb954960',
  'windowsupdate.log',
  'softwaredistribution.log',
  // what people say to the bot in a thread or a mention, which is no server's name
  'all',
  'everything',
  'everyone',
  'servers',
  'fleet',
  'you',
  'them',
  'things',
  'status',
  'help',
  'thanks',
  'hi',
  'hello',
  'hey',
  'ok',
  'okay',
  'yes',
  'no',
]);

/** A word taken for a server's name, or null when it is a word of the logs or of the conversation. */
export function asServerName(name: string | undefined): string | null {
  if (!name) return null;
  const n = normalizeServerName(name);
  return NOT_NAMES.has(n) || /^\d/.test(n) ? null : n;
}

/** The server a message names around its paste, or null. */
export function serverMentionedIn(text: string): string | null {
  const first = text.trim().split(/\r?\n/)[0] ?? '';
  for (const p of FIRST_LINE_PATTERNS) {
    const name = asServerName(p.exec(first.trim())?.[1]);
    if (name) return name;
  }
  return serverNamedAlone(text);
}

/** The whole message is a server name ("wsus02", "on wsus02", "server wsus02"): an answer to "which server?". */
export function serverNamedAlone(text: string): string | null {
  return asServerName(WHOLE_MESSAGE.exec(text.trim())?.[1]);
}
