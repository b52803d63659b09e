// docs/problem-packs.md is the packs' table (id, evidence, first step, source, the real excerpts that pin it), made
// from the pack data so that it cannot drift: this test renders it and compares. After changing a pack, rewrite it with
// `KB954960_WRITE_DOCS=1 npx vitest run test/problem-packs-doc.test.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PROBLEM_PACKS, PROBLEM_RULES, type ProblemPack } from '../src/detect/problems/index.js';
import { RULES } from '../src/detect/rules.js';
import { EXCERPTS } from './support/excerpts.js';

const DOC = fileURLToPath(new URL('../docs/problem-packs.md', import.meta.url));
const RULE_TITLES = new Map([...RULES, ...PROBLEM_RULES].map((r) => [r.id as string, r.title]));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function evidence(p: ProblemPack): string {
  return p.signatures
    .map((s) => {
      const parts = [
        ...(s.codes ? [s.codes.map((c) => `\`${c}\``).join(' or ')] : []),
        ...(s.http ? [`HTTP ${s.http.join('/')}`] : []),
        ...(s.lines ? [s.lines.map((r) => `“${RULE_TITLES.get(r) ?? r}”`).join(' or ')] : []),
        ...(s.all ? s.all.map((r) => `“${RULE_TITLES.get(r) ?? r}”`) : []),
      ];
      return parts.join(' + ');
    })
    .join('; or ');
}

export function renderPackTable(): string {
  const rows = PROBLEM_PACKS.map((p) => {
    const step = p.withoutWsus ? `${p.remedy.en} *Client not on WSUS:* ${p.withoutWsus.remedy.en} ([${p.withoutWsus.source.title}](${p.withoutWsus.source.url}))` : p.remedy.en;
    const pinned = EXCERPTS.filter((e) => e.must.includes(p.id)).map((e) => `[${e.file}](${e.source})`);
    return `| \`${p.id}\` | ${cell(evidence(p))} | ${cell(step)} | [${cell(p.source.title)}](${p.source.url}) | ${pinned.length > 0 ? pinned.join(', ') : 'examples in the pack only'} |`;
  });
  return [
    '# Problem packs',
    '',
    'The known WSUS / Windows Update failures other than KB954960 that the bot diagnoses, one pack each',
    '(`src/detect/problems/`). A pack is named when one of its evidence rows holds; a pack held by more than codes',
    '(an HTTP status, an IIS or proxy line) keeps a code-only pack whose codes it explains from being named beside it.',
    'Problems are listed by what explains the failure: the code the failing sync reported, then the most frequent.',
    'Where a client does not talk to WSUS (its log says `WSUS server: <NULL>` or names Microsoft Update), a pack',
    'with a step for that case gives it instead of its WSUS step. Real public excerpts that pin a pack are in',
    '`test/fixtures/excerpts/` (with their sources in `index.json`).',
    '',
    'Generated from the pack data by `test/problem-packs-doc.test.ts`; do not edit by hand.',
    '',
    '| id | evidence | first step | source | real excerpts |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

it('docs/problem-packs.md is the table of the packs as they are', () => {
  const table = renderPackTable();
  if (process.env.KB954960_WRITE_DOCS === '1') writeFileSync(DOC, table);
  expect(readFileSync(DOC, 'utf8')).toBe(table);
  // every pack is in it, with its source
  for (const p of PROBLEM_PACKS) expect(table).toContain(`| \`${p.id}\` |`);
});
