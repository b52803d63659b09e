import type { Lang } from '../detect/types.js';
import { formatBytes, WEVTUTIL_EXPORT, type InputProblem } from '../ingest/decode.js';

/**
 * Why the bot will not (or could not) diagnose what it was sent, as data: the surface that caught the error says
 * which refusal it is (a download's reason comes from the Slack edge as a sentence), and this module words it.
 */
export type Refusal =
  | { readonly kind: 'input'; readonly problem: InputProblem; /** The ingest's own sentence, for problems it words best (what in an archive). */ readonly detail?: string }
  | { readonly kind: 'download'; readonly reason: string }
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
  const ja = lang === 'ja';
  const name = c.fileName ? `${c.fileName}: ` : '';
  switch (r.kind) {
    case 'input':
      switch (r.problem) {
        case 'too-large':
          // Plain and gzip'd logs over the cap are tail-read: what is refused is an archive (read whole) or a log past
          // even the tail read's reach. Compressing does not help either, so it is not suggested.
          return ja
            ? `${name}ファイルが上限 ${formatBytes(c.maxBytes)} (MAX_FILE_BYTES) を超えています。失敗の前後の行だけを切り出して送ってください。`
            : `${name}the file is larger than the ${formatBytes(c.maxBytes)} limit (MAX_FILE_BYTES). Send the part around the failure.`;
        case 'binary':
          return ja
            ? `${name}テキストのログではないようです。WindowsUpdate.log か SoftwareDistribution.log をそのまま (または .gz で) 送ってください。`
            : `${name}this does not look like a text log. Send WindowsUpdate.log or SoftwareDistribution.log as it is (or gzip'd).`;
        case 'truncated-gzip':
        case 'bad-gzip':
          return ja ? `${name}gzip ファイルが壊れているか途中で切れています。圧縮し直して送ってください。` : `${name}the gzip file is damaged or cut short. Compress it again and resend.`;
        case 'empty':
          return ja ? `${name}空のファイルです。` : `${name}the file is empty.`;
        case 'event-log':
          return ja
            ? `${name}Windows のイベント ログ (.evtx) は読めません。サーバーで ${WEVTUTIL_EXPORT} を実行し、MsiInstaller.txt を送ってください。`
            : `${name}I can't read .evtx event logs: on the server run ${WEVTUTIL_EXPORT} and send MsiInstaller.txt.`;
        case 'bad-archive':
          return ja ? `${name}ZIP ファイルを読めませんでした (壊れている、パスワード付き、またはログが入っていません)。ログそのものを送ってください。` : `${name}${r.detail ?? 'the ZIP archive is damaged or incomplete. Upload the complete file.'}`;
        case 'archive-limit':
          return ja
            ? `${name}この ZIP は読める範囲を超えています (ファイル数・展開後のサイズ・圧縮率の上限)。ログ (.log / .txt) だけを送ってください。`
            : `${name}${r.detail ?? 'this ZIP is past what I read (number of files, expanded size or compression ratio). Send the logs (.log / .txt) themselves.'}`;
        case 'unreadable':
          return ja ? `${name}ファイルを読み込めませんでした。もう一度送ってください。` : `${name}the file could not be read. Please send it again.`;
      }
      break;
    case 'download':
      return ja ? `${name}ファイルをダウンロードできませんでした (${r.reason})。` : `${name}I could not download the file: ${r.reason}`;
    case 'not-a-log':
      return ja ? '読めるのはテキストのログ (.log, .txt, スニペット) と、その .gz だけです。' : "I read text logs (.log, .txt, snippets) and gzip'd ones; this file is not one.";
    case 'unexpected':
      break;
  }
  return ja ? '処理中に問題が発生しました。もう一度お試しください。' : 'Something went wrong on my side. Please try again.';
}
