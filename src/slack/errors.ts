import type { Lang } from '../detect/types.js';
import { formatBytes, InputError } from '../ingest/decode.js';
import { DownloadError } from './file-download.js';

/** A refusal as a sentence with a next step. Stack traces go to the log only. */
export function userFacingMessage(e: unknown, lang: Lang, maxBytes: number, fileName?: string): string {
  // A DownloadError thrown while ingest reads the download arrives wrapped (InputError 'unreadable', and again by
  // check() naming the input): tell its reason ("points outside Slack", "sign-in page: files:read"), not "send it again".
  e = downloadErrorIn(e) ?? e;
  const ja = lang === 'ja';
  const name = fileName ? `${fileName}: ` : '';
  if (e instanceof InputError) {
    switch (e.problem) {
      case 'too-large':
        return ja
          ? `${name}ファイルが上限 ${formatBytes(maxBytes)} (MAX_FILE_BYTES) を超えています。該当期間の行だけを切り出すか、gzip で圧縮して送ってください。`
          : `${name}the file is larger than the ${formatBytes(maxBytes)} limit (MAX_FILE_BYTES). Send the part around the failure, or gzip it.`;
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
  }
  if (e instanceof DownloadError) {
    return ja ? `${name}ファイルをダウンロードできませんでした (${e.message})。` : `${name}I could not download the file: ${e.message}`;
  }
  return ja ? '処理中に問題が発生しました。もう一度お試しください。' : 'Something went wrong on my side. Please try again.';
}

/** The DownloadError in an error's cause chain, if any. */
function downloadErrorIn(e: unknown): DownloadError | undefined {
  for (let c = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    if (c instanceof DownloadError) return c;
  }
  return undefined;
}
