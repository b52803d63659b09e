import type { Lang } from '../lang.js';
import { formatBytes, WEVTUTIL_EXPORT, type ArchiveRefusal, type InputProblem } from '../ingest/decode.js';
import { escapeMrkdwn, section, type SlackMessage } from './blocks.js';
import { msg } from './messages/index.js';

/** Why a Slack file could not be fetched (src/slack/file-download.ts finds out, the catalogue words it). */
export type DownloadProblem =
  | { readonly kind: 'no-link' }
  | { readonly kind: 'off-slack'; readonly host: string }
  | { readonly kind: 'redirects' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'sign-in' };

/** The reason in words (also what the logs show, in English). */
export function downloadReason(p: DownloadProblem, lang: Lang): string {
  const m = msg(lang).downloadProblem;
  switch (p.kind) {
    case 'no-link':
      return m.noLink;
    case 'off-slack':
      return m.offSlack({ host: p.host });
    case 'redirects':
      return m.redirects;
    case 'status':
      return m.status({ status: p.status });
    case 'sign-in':
      return m.signIn;
  }
}

/**
 * Why the bot will not (or could not) diagnose what it was sent, as data: the surface that caught the error says
 * which refusal it is (a download's problem comes from the Slack edge), and this module words it.
 */
export type Refusal =
  | {
      readonly kind: 'input';
      readonly problem: InputProblem;
      /** The ingest's own sentence, for problems it words best (what in an archive). */
      readonly detail?: string;
      /** Why an archive was refused, where the reader is told in their language. */
      readonly reason?: ArchiveRefusal;
    }
  | { readonly kind: 'download'; readonly problem: DownloadProblem }
  | { readonly kind: 'not-a-log' }
  | { readonly kind: 'unexpected' };

export interface RefusalContext {
  /** MAX_FILE_BYTES, named in the too-large refusal. */
  readonly maxBytes: number;
  /** The file the refusal is about, named first. */
  readonly fileName?: string;
}

/** A refusal as a sentence with a next step. Stack traces go to the log only. Plain text: the caller escapes it. */
export function refusalText(r: Refusal, lang: Lang, c: RefusalContext): string {
  const m = msg(lang).refusal;
  const name = c.fileName ? `${c.fileName}: ` : '';
  switch (r.kind) {
    case 'input':
      if (r.reason) return archiveRefusalText(r.reason, lang, name);
      switch (r.problem) {
        case 'too-large':
          // Plain and gzip'd logs over the cap are tail-read: what is refused is an archive (read whole) or a log past
          // even the tail read's reach. Compressing does not help either, so it is not suggested.
          return m.tooLarge({ name, limit: formatBytes(c.maxBytes) });
        case 'event-log':
          return m.eventLog({ name, command: WEVTUTIL_EXPORT });
        case 'bad-archive':
          return m.badArchive({ name, detail: r.detail });
        case 'archive-limit':
          return m.archiveLimit({ name, detail: r.detail });
        case 'binary':
          return m.binary({ name });
        case 'truncated-gzip':
        case 'bad-gzip':
          return m.badGzip({ name });
        case 'empty':
          return m.empty({ name });
        case 'unreadable':
          return m.unreadable({ name });
      }
      break;
    case 'download':
      return m.download({ name, reason: downloadReason(r.problem, lang) });
    case 'not-a-log':
      return m.notALog;
    case 'unexpected':
      break;
  }
  return m.unexpected;
}

function archiveRefusalText(r: ArchiveRefusal, lang: Lang, name: string): string {
  const m = msg(lang).refusal.archive;
  switch (r.kind) {
    case 'zip64':
      return m.zip64({ name });
    case 'split':
      return m.split({ name });
    case 'too-many-entries':
      return m.tooManyEntries({ name, count: r.count, max: r.max });
    case 'overlapping':
      return m.overlapping({ name, first: r.first, second: r.second });
  }
}

/**
 * Refusals as the Slack answer to a message: one sentence a line (a message with several files may have several),
 * escaped — a sentence can carry a file name, and `<!channel>.log` must not ping a channel.
 */
export function renderRefusals(sentences: readonly string[]): SlackMessage {
  const text = escapeMrkdwn(sentences.join('\n'));
  return { text, blocks: [section(text)] };
}
