import { packsForCode } from '../src/detect/problems/index.js';
import { CODE_SOURCES, facilityText, lookupCode, parseCodeArg } from '../src/detect/result-codes.js';
import type { Lang } from '../src/lang.js';
import { KB954960_CODE } from '../src/kb954960.js';
import { context, escapeMrkdwn, section } from '../src/render/blocks.js';
import { msg } from '../src/render/messages/index.js';
import { codeLine } from '../src/render/problems.js';
import { usageError, type Reply } from './types.js';

/** `code 0x80244022`: what a result code means, and the known problems it belongs to. */
export function codeCommand(args: readonly string[], lang: Lang): Reply {
  const m = msg(lang);
  if (args.length !== 1) return usageError(m.usage({ syntax: 'code CODE' }) + m.usageExample({ example: 'code 0x80244022' }));
  const code = parseCodeArg(args[0]!);
  if (!code) {
    // The user's own text, escaped: `code <!channel>` pings nobody.
    const shown = escapeMrkdwn(args[0]!.slice(0, 40));
    return usageError(m.notACode({ input: `'${shown}'` }));
  }
  const info = lookupCode(code);
  const packs = packsForCode(info.code);
  const kb954960 = info.code === KB954960_CODE;
  const lines: string[] = [codeLine({ code: info.code, name: info.name ?? msg(lang).unknownCode, meaning: info.meaning[lang] })];
  lines.push(`${m.facility}: ${facilityText(info)}`);
  if (info.source) lines.push(`${msg(lang).source}: ${CODE_SOURCES[info.source].title}`);
  if (!info.failure) lines.push(m.notAFailure);
  if (kb954960) lines.push(msg(lang).codeIsKb954960);
  for (const p of packs) {
    lines.push(
      '',
      `${msg(lang).knownProblem}: ${p.title[lang]}`,
      `  ${msg(lang).cause}: ${p.cause[lang]}`,
      `  ${msg(lang).firstStep}: ${p.remedy[lang]}`,
      `  ${msg(lang).source}: ${p.source.url}`,
    );
  }
  if (packs.length === 0 && !kb954960 && info.failure) lines.push(msg(lang).noKnownProblem);
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
