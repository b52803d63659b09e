import type { Lang } from '../detect/types.js';
import type { Action, Verdict } from '../diagnose/diagnose.js';
import { assessServer, fixProof, isAffectedNow, type ServerFacts, type ServerState } from '../diagnose/server-state.js';
import { FIXED_DLL_VERSION } from '../kb954960.js';
import { context, escapeMrkdwn, header, section } from './blocks.js';
import type { types } from '@slack/bolt';
import { actionText, noteText, VERDICT_EMOJI } from './i18n.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { problemTitle } from './status-words.js';

/** What the history shows of a stored diagnosis (db/store.ts HistoryEntry fits; renderers know no store). */
export interface HistoryLine {
  readonly createdAt: string;
  readonly verdict: Verdict;
  readonly server: string | null;
  readonly origin: string;
  readonly sourceName: string | null;
  /** Other known problems of the diagnosis (pack ids). */
  readonly problems?: readonly string[];
}

/** Where a recorded fact came from (db/attribution-store.ts FactProof fits). */
export interface ProofLine {
  readonly fact: 'dll' | 'wsus' | 'fix-event';
  readonly recordedAt: string;
  readonly userId?: string | null;
  readonly channelId?: string | null;
  readonly permalink?: string | null;
}

const STATE_EMOJI: Readonly<Record<ServerState, string>> = {
  fixed: ':large_green_circle:',
  vulnerable: ':large_yellow_circle:',
  'needs-sp1': ':large_yellow_circle:',
  unknown: ':white_circle:',
  'not-applicable': ':white_circle:',
  conflict: ':warning:',
};

/** Why KB954960 does not apply, or which facts contradict: the same words as in a diagnosis. */
function assessmentLines(f: ServerFacts, lang: Lang): string[] {
  const { reason, conflict } = assessServer(f);
  return [...(reason ? [noteText({ kind: 'not-applicable', reason }, lang)] : []), ...(conflict ? [noteText({ kind: 'conflict', ...conflict }, lang)] : [])];
}

/** The one next step for a server, from its state (the diagnosis reply has its own, from the paste). */
export function serverNextStep(f: ServerFacts): Action {
  const state = assessServer(f).state;
  if (isAffectedNow(f) && state === 'fixed') return 'recheck-fixed-server';
  switch (state) {
    case 'fixed':
      return fixProof(f) ? 'nothing-to-do' : 'verify-fix';
    case 'needs-sp1':
      return 'install-sp1-then-fix';
    case 'vulnerable':
      return 'install-fix';
    case 'not-applicable':
      return 'nothing-to-do';
    default: // unknown, or facts that contradict each other: read the version off the server
      return 'check-server-version';
  }
}

/** A server as the bot tells it: state and the facts it rests on. */
export function renderServerText(f: ServerFacts, lang: Lang, proofs: readonly ProofLine[] = []): string {
  const m = msg(lang);
  const ja = lang === 'ja';
  const { state } = assessServer(f);
  const lines = [`${f.name}: ${m.stateLabel[state]}${isAffectedNow(f) ? ` — ${m.stateLabel.affected}` : ''}`];
  // Why it does not apply, or which facts contradict: one line, the same words as in a diagnosis.
  lines.push(...assessmentLines(f, lang).map((l) => `  ${l}`));
  const fact = (label: string, value: string | null | undefined, at: string | null | undefined, kind?: ProofLine['fact']) => {
    const by = proofs.find((p) => p.fact === kind)?.userId;
    lines.push(`  ${label}: ${value ?? m.serverFacts.notKnown}${value && at ? ` (${at}${by ? `${ja ? '、記録: ' : ', by '}${by}` : ''})` : ''}`);
  };
  fact(m.serverFacts.dll, f.dllVersion, f.dllVersionAt, 'dll');
  fact(m.serverFacts.wsusVersion, f.wsusVersion, f.wsusVersionAt, 'wsus');
  fact(m.serverFacts.fixEvent, f.fixEventAt ? m.serverFacts.fixEventSeen : null, f.fixEventAt, 'fix-event');
  fact(m.serverFacts.lastAffected, f.lastAffectedAt, null);
  lines.push(`  ${ja ? '次の対応' : 'next step'}: ${actionText(serverNextStep(f), lang)}`);
  return lines.join('\n');
}

/** One line of proof: the fact, when (in the reader's time), by whom, from which thread. */
function proofLine(label: string, at: string, proof: ProofLine | undefined, lang: Lang): string {
  const ja = lang === 'ja';
  const parts = [`${label} — ${slackDate(at)}`];
  if (proof?.userId) parts.push(ja ? `記録: <@${proof.userId}>` : `by <@${proof.userId}>`);
  if (proof?.permalink) parts.push(`<${proof.permalink}|${ja ? 'スレッド' : 'thread'}>`);
  else if (proof?.channelId) parts.push(`<#${proof.channelId}>`);
  return `• ${parts.join(' · ')}`;
}

/** `/kb954960 server X`: the state, the evidence it rests on, and the next step. */
export function renderServerBlocks(f: ServerFacts, lang: Lang, proofs: readonly ProofLine[] = []): types.KnownBlock[] {
  const ja = lang === 'ja';
  const state = assessServer(f).state;
  const proofOf = (kind: ProofLine['fact']) => proofs.find((p) => p.fact === kind);
  const affected = isAffectedNow(f) ? ` — :red_circle: ${msg(lang).stateLabel.affected}` : '';
  const evidence: string[] = [];
  if (f.dllVersion && f.dllVersionAt) {
    const label = ja ? `クライアント Web サービス DLL *${escapeMrkdwn(f.dllVersion)}* (修正済みは ${FIXED_DLL_VERSION} 以上)` : `Client web service DLL *${escapeMrkdwn(f.dllVersion)}* (fixed: ${FIXED_DLL_VERSION} or later)`;
    evidence.push(proofLine(label, f.dllVersionAt, proofOf('dll'), lang));
  }
  if (f.fixEventAt) evidence.push(proofLine(ja ? 'MsiInstaller イベント 1022 (KB954960) あり' : 'MsiInstaller event 1022 (KB954960) seen', f.fixEventAt, proofOf('fix-event'), lang));
  if (f.wsusVersion && f.wsusVersionAt) evidence.push(proofLine(`WSUS *${escapeMrkdwn(f.wsusVersion)}*`, f.wsusVersionAt, proofOf('wsus'), lang));
  if (f.lastAffectedAt) evidence.push(`• ${ja ? 'KB954960 の失敗を最後に検出' : 'KB954960 failure last seen'} — ${slackDate(f.lastAffectedAt)}`);
  const proofTitle = ja ? '*根拠*' : '*Evidence*';
  const none = ja ? '記録された事実はまだありません。' : 'No facts recorded yet.';
  return [
    header(f.name),
    section([`${STATE_EMOJI[state]} *${msg(lang).stateLabel[state]}*${affected}`, ...assessmentLines(f, lang).map(escapeMrkdwn)].join('\n')),
    section(`${proofTitle}\n${evidence.length > 0 ? evidence.join('\n') : none}`),
    section(`*${ja ? '次の対応' : 'Next step'}*\n${escapeMrkdwn(actionText(serverNextStep(f), lang))}`),
    context(ja ? '修正の証拠は DLL のファイル バージョンか MsiInstaller イベント 1022 です (プログラムの追加と削除には表示されません)。' : 'Proof of the fix is the DLL file version or MsiInstaller event 1022 (the fix is not listed in Add/Remove Programs).'),
  ];
}

/** App Home's fleet: a line per server, in sections that fit Slack's limits, at most `max` servers. */
export function renderServerList(servers: readonly { facts: ServerFacts; proofs: readonly ProofLine[] }[], lang: Lang, max = 50): types.KnownBlock[] {
  const ja = lang === 'ja';
  const lines = servers.slice(0, max).map((s) => renderServerLine(s.facts, lang, s.proofs));
  if (servers.length > max) lines.push(ja ? `ほか ${servers.length - max} 台` : `and ${servers.length - max} more`);
  const blocks: types.KnownBlock[] = [section(`*${ja ? 'サーバーと修正の証拠' : 'Servers and the proof of their state'}*`)];
  let chunk: string[] = [];
  for (const line of lines) {
    if ([...chunk, line].join('\n').length > 2900) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  blocks.push(section(chunk.length > 0 ? chunk.join('\n') : ja ? 'まだサーバーの記録はありません。' : 'No servers known yet.'));
  return blocks;
}

/** One line per server for App Home: state, and the proof it rests on (or the next step when there is none). */
export function renderServerLine(f: ServerFacts, lang: Lang, proofs: readonly ProofLine[] = []): string {
  const ja = lang === 'ja';
  const state = assessServer(f).state;
  const proof = fixProof(f);
  const by = (kind: ProofLine['fact']) => {
    const p = proofs.find((x) => x.fact === kind);
    return p?.userId ? (ja ? ` 記録: <@${p.userId}>` : ` by <@${p.userId}>`) : '';
  };
  const affected = isAffectedNow(f) ? ` — :red_circle: ${msg(lang).stateLabel.affected}` : '';
  const why =
    proof === 'dll' && f.dllVersionAt
      ? `DLL ${escapeMrkdwn(f.dllVersion ?? '')}, ${slackDate(f.dllVersionAt)}${by('dll')}`
      : proof === 'event' && f.fixEventAt
        ? `${ja ? 'イベント 1022' : 'event 1022'}, ${slackDate(f.fixEventAt)}${by('fix-event')}`
        : ja
          ? '修正の証拠 (DLL のバージョンかイベント 1022) はまだありません'
          : 'no proof of the fix yet (DLL version or event 1022)';
  return `${STATE_EMOJI[state]} *${escapeMrkdwn(f.name)}* — ${msg(lang).stateLabel[state]}${affected} · ${why}`;
}

/** Verdict words in the reader's language, padded to one column for the terminal (the widest word fits). */
export function renderHistoryText(entries: readonly HistoryLine[], lang: Lang): string {
  const m = msg(lang);
  if (entries.length === 0) return m.history.none;
  return entries
    .map((e) => `${e.createdAt.replace('T', ' ').slice(0, 19)}  ${m.verdictWord[e.verdict].padEnd(10)} ${(e.server ?? '-').padEnd(24)} ${e.origin.padEnd(8)} ${e.sourceName ?? ''}${alsoText(e, lang)}`.trimEnd())
    .join('\n');
}

export function renderHistoryBlocks(entries: readonly HistoryLine[], lang: Lang): types.KnownBlock[] {
  const m = msg(lang);
  if (entries.length === 0) return [header(m.history.title), section(renderHistoryText(entries, lang))];
  const rows = entries.map(
    (e) => `${VERDICT_EMOJI[e.verdict]} ${slackDate(e.createdAt)} *${m.verdictWord[e.verdict]}* ${escapeMrkdwn(e.server ?? '—')} _${e.origin}_${escapeMrkdwn(alsoText(e, lang))}`,
  );
  return [header(m.history.title), section(rows.join('\n')), context(m.history.newestFirst)];
}

/** " — also: <problem titles>" when the diagnosis found other known problems. */
function alsoText(e: HistoryLine, lang: Lang): string {
  const problems = e.problems ?? [];
  return problems.length > 0 ? ` — ${msg(lang).history.also({ list: problems.map((p) => problemTitle(p, lang)).join(msg(lang).status.listSeparator) })}` : '';
}
