import type { Lang } from '../src/detect/types.js';
import { linksFor } from '../src/kb954960.js';
import { context, escapeMrkdwn, header, linkButtons, section } from '../src/render/blocks.js';
import type { Reply } from './types.js';

const TEXT: Record<Lang, string> = {
  en: [
    '*/kb954960* — diagnose KB954960 (WSUS 3.0 clients that stop receiving updates)',
    '• `/kb954960` — open a form to paste a log',
    '• `/kb954960 check <log lines>` — diagnose pasted lines',
    '• `/kb954960 code <code>` — what a Windows Update error code means (e.g. `0x80244022`) and the known problem it belongs to',
    '• `/kb954960 server <name>` — what is known of a WSUS server · `/kb954960 server <name> dll|wsus <version>` — record a version',
    '• `/kb954960 history [server]` — recent diagnoses',
    '• `/kb954960 status` — the fleet summary now',
    '• `/kb954960 subscribe [HH:MM] [ja|en]` · `/kb954960 unsubscribe` — daily status post in this channel',
    'You can also paste WindowsUpdate.log / SoftwareDistribution.log lines or upload the files (also .gz) in a channel I am in, or in a DM.',
  ].join('\n'),
  ja: [
    '*/kb954960* — KB954960 (WSUS 3.0 のクライアントが更新プログラムを受信しない問題) を診断します',
    '• `/kb954960` — ログを貼り付けるフォームを開く',
    '• `/kb954960 check <ログの行>` — 貼り付けた行を診断',
    '• `/kb954960 code <コード>` — Windows Update のエラー コード (例: `0x80244022`) の意味と、該当する既知の問題',
    '• `/kb954960 server <名前>` — WSUS サーバーの記録 · `/kb954960 server <名前> dll|wsus <バージョン>` — バージョンを記録',
    '• `/kb954960 history [サーバー]` — 最近の診断',
    '• `/kb954960 status` — 全体の状況',
    '• `/kb954960 subscribe [HH:MM] [ja|en]` · `/kb954960 unsubscribe` — このチャンネルへの毎日の状況投稿',
    '参加しているチャンネルや DM に WindowsUpdate.log / SoftwareDistribution.log の行を貼り付けるか、ファイル (.gz も可) をアップロードしても診断します。',
  ].join('\n'),
};

export function helpReply(lang: Lang, unknownWord?: string): Reply {
  // The word is the user's own text: escaped, so that help for `/kb954960 <!channel>` pings nobody.
  const unknown = unknownWord === undefined ? undefined : escapeMrkdwn(unknownWord);
  const lead = unknown
    ? lang === 'ja'
      ? `\`${unknown}\` というサブコマンドはありません。使い方:`
      : `There is no \`${unknown}\` subcommand. Here is what I understand:`
    : undefined;
  const text = lead ? `${lead}\n${TEXT[lang]}` : TEXT[lang];
  return {
    text: text.replace(/\*/g, ''),
    blocks: [
      header('KB954960'),
      section(lead ? `${lead}\n${TEXT[lang]}` : TEXT[lang]),
      context(`KB954960: ${linksFor(lang).kb}`),
      linkButtons(lang),
    ],
    exitCode: unknown ? 2 : 0,
  };
}
