import type { Lang } from '../detect/types.js';
import { formatBytes, type InputProblem } from '../ingest/decode.js';

/**
 * Why the bot will not (or could not) diagnose what it was sent, as data: the surface that caught the error says
 * which refusal it is (a download's reason comes from the Slack edge as a sentence), and this module words it.
 */
export type Refusal =
  | { readonly kind: 'input'; readonly problem: InputProblem }
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
          return ja
            ? `${name}ファイルが上限 ${formatBytes(c.maxBytes)} (MAX_FILE_BYTES) を超えています。該当期間の行だけを切り出すか、gzip で圧縮して送ってください。`
            : `${name}the file is larger than the ${formatBytes(c.maxBytes)} limit (MAX_FILE_BYTES). Send the part around the failure, or gzip it.`;
        case 'binary':
          return ja
            ? `${name}テキストのログではないようです。WindowsUpdate.log か SoftwareDistribution.log をそのまま (または .gz で) 送ってください。`
            : `${name}this does not look like a text log. Send WindowsUpdate.log or SoftwareDistribution.log as it is (or gzip'd).`;
        case 'truncated-gzip':
        case 'bad-gzip':
          return ja ? `${name}gzip ファイルが壊れているか途中で切れています。圧縮し直して送ってください。` : `${name}the gzip file is damaged or cut short. Compress it again and resend.`;
        case 'empty':
          return ja ? `${name}空のファイルです。` : `${name}the file is empty.`;
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
