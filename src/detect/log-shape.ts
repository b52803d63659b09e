/*
 * Whether a message is a log paste or a chat line. In a channel the bot answers log pastes and files, not a chat line
 * that merely mentions a code ("anyone seen 0x80244022?"): that one is a question for people. Pure.
 */

/** A line as Windows Update and WSUS logs print it: a date first, TAB-separated columns, or a component's WARNING. */
const LOG_LINE =
  /^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\t[^\t]*\t|\bWARNING:|\bFAILED\b|\bThrowException\b|^\s*(?:PT|Agent|AU|Misc|Report|Setup|Handler|DnldMgr|ProtocolTalker|Shared)\s{2,}/;

/** One non-empty line without the shape of a log line. */
export function isChatLine(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length <= 1 && !LOG_LINE.test(lines[0] ?? '');
}
