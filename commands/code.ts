import { packsForCode } from '../src/detect/problems.js';
import { CODE_SOURCES, lookupCode, parseCodeArg } from '../src/detect/result-codes.js';
import type { Lang } from '../src/detect/types.js';
import { KB954960_CODE } from '../src/kb954960.js';
import { context, escapeMrkdwn, section } from '../src/render/blocks.js';
import { t } from '../src/render/i18n.js';
import { codeLine } from '../src/render/problems.js';
import { usageError, type Reply } from './types.js';

/** `code 0x80244022`: what a result code means, and the known problems it belongs to. */
export function codeCommand(args: readonly string[], lang: Lang): Reply {
  const ja = lang === 'ja';
  if (args.length !== 1) {
    return usageError(ja ? '使い方: code <コード> (例: code 0x80244022)' : 'usage: code CODE (for example: code 0x80244022)');
  }
  const code = parseCodeArg(args[0]!);
  if (!code) {
    // The user's own text, escaped: `code <!channel>` pings nobody.
    const shown = escapeMrkdwn(args[0]!.slice(0, 40));
    return usageError(
      ja
        ? `'${shown}' はエラー コードではありません。0x80244022、80244022、または 10 進の HRESULT (-2145107934) の形で指定してください。`
        : `'${shown}' is not a result code: give it as 0x80244022, 80244022 or a decimal HRESULT such as -2145107934.`,
    );
  }
  const info = lookupCode(code);
  const packs = packsForCode(info.code);
  const kb954960 = info.code === KB954960_CODE;
  const lines: string[] = [codeLine({ code: info.code, name: info.name ?? t('unknownCode', lang), meaning: info.meaning[lang] })];
  if (info.source) lines.push(`${t('source', lang)}: ${CODE_SOURCES[info.source].title}`);
  if (!info.failure) lines.push(ja ? '成功・情報のコードです (失敗ではありません)。' : 'A success or informational code, not a failure.');
  if (kb954960) lines.push(t('codeIsKb954960', lang));
  for (const p of packs) {
    lines.push('', `${t('knownProblem', lang)}: ${p.title[lang]}`, `  ${t('cause', lang)}: ${p.cause[lang]}`, `  ${t('firstStep', lang)}: ${p.remedy[lang]}`, `  ${t('source', lang)}: ${p.source.url}`);
  }
  if (packs.length === 0 && !kb954960 && info.failure) lines.push(t('noKnownProblem', lang));
  const text = lines.join('\n');
  const [head, ...rest] = lines;
  return {
    text,
    blocks: [section(`*${escapeMrkdwn(head!)}*`), ...(rest.some((l) => l !== '') ? [context(escapeMrkdwn(rest.join('\n').trim()))] : [])],
    json: {
      code: info.code,
      name: info.name,
      meaning: info.meaning[lang],
      source: info.source,
      failure: info.failure,
      kb954960,
      problems: packs.map((p) => ({ id: p.id, title: p.title[lang], cause: p.cause[lang], actions: [p.remedy[lang]], links: { source: p.source.url } })),
    },
    exitCode: 0,
  };
}
