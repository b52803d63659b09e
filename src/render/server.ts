/**
 * A WSUS server as the bot tells it: `/kb954960 server X` (text and Block Kit) and App Home's fleet list (a line per
 * server with the proof of its state).
 */
import type { Lang } from '../lang.js';
import type { Action } from '../diagnose/diagnose.js';
import { assessServer, fixedSince, fixProof, isAffectedNow, type ServerFacts } from '../diagnose/server-state.js';
import { linksFor } from '../kb954960.js';
import { context, escapeMrkdwn, header, LIMITS, linkButtons, section } from './blocks.js';
import type { types } from '@slack/bolt';
import { DOWNLOADING_STEPS, noteText, stepText } from './i18n.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { textTime, UTC_TIMES, type TextTimes } from './times.js';
import { BUCKET_EMOJI } from './status-words.js';

/** Where a recorded fact came from (src/store/port.ts FactProof fits). */
export interface ProofLine {
  readonly fact: 'dll' | 'wsus' | 'fix-event';
  readonly recordedAt: string;
  readonly userId?: string | null;
  readonly channelId?: string | null;
  readonly permalink?: string | null;
}

/** Slack's section limit with a margin: a chunk of whole lines stays under it, so section() never cuts one. */
const SECTION_BUDGET = LIMITS.sectionText - 100;

/** The proof recorded for one kind of fact, if any. */
function proofOf(proofs: readonly ProofLine[], kind: ProofLine['fact']): ProofLine | undefined {
  return proofs.find((p) => p.fact === kind);
}

/** The last failure's label: history once the server was fixed after it, a task otherwise. */
function lastAffectedLabel(f: ServerFacts, lang: Lang): string {
  const m = msg(lang).serverFacts;
  return f.lastAffectedAt && !isAffectedNow(f) && fixedSince(f) ? m.lastAffectedBeforeFix : m.lastAffected;
}

/** Why KB954960 does not apply, or which facts contradict: the same words as in a diagnosis. */
function assessmentLines(f: ServerFacts, lang: Lang): string[] {
  const { reason, conflict } = assessServer(f);
  return [...(reason ? [noteText({ kind: 'not-applicable', reason }, lang)] : []), ...(conflict ? [noteText({ kind: 'conflict', ...conflict }, lang)] : [])];
}

/**
 * The one next step for a server, from its state — the same rule as the diagnosis reply's (diagnosis-blocks.ts
 * nextStep): a server affected now is told to install the fix (SP1 first on RTM), not to look up its version first.
 */
function serverNextStep(f: ServerFacts): Action {
  const state = assessServer(f).state;
  const affected = isAffectedNow(f);
  if (affected && state === 'fixed') return 'recheck-fixed-server';
  switch (state) {
    case 'fixed':
      // Fixed after failing: what is left is to see the clients sync again.
      return f.lastAffectedAt ? 'rerun-client-detection' : 'nothing-to-do';
    case 'needs-sp1':
      return 'install-sp1-then-fix';
    case 'vulnerable':
      return 'install-fix';
    case 'not-applicable':
      return 'nothing-to-do';
    case 'conflict':
      return 'resolve-conflict';
    default: // unknown: a failure seen says install; else read the version off the server
      return affected ? 'install-fix' : 'check-server-version';
  }
}

/** A server as the bot tells it: state and the facts it rests on (times as `times` says: times.ts). */
export function renderServerText(f: ServerFacts, lang: Lang, proofs: readonly ProofLine[] = [], times: TextTimes = UTC_TIMES): string {
  const m = msg(lang);
  const { state } = assessServer(f);
  const lines = [`${f.name}: ${m.stateLabel[state]}${isAffectedNow(f) ? ` — ${m.stateLabel.affected}` : ''}`];
  // Why it does not apply, or which facts contradict: one line, the same words as in a diagnosis.
  lines.push(...assessmentLines(f, lang).map((l) => `  ${l}`));
  const fact = (label: string, value: string | null | undefined, at: string | null | undefined, kind?: ProofLine['fact']) => {
    const by = kind && proofOf(proofs, kind)?.userId;
    lines.push(
      `  ${label}: ${value ?? m.serverFacts.notKnown}${value && at ? ` (${textTime(at, times)}${by ? `${m.status.listSeparator}${m.serverFacts.byUser({ user: by })}` : ''})` : ''}`,
    );
  };
  fact(m.serverFacts.dll, f.dllVersion, f.dllVersionAt, 'dll');
  fact(m.serverFacts.wsusVersion, f.wsusVersion, f.wsusVersionAt, 'wsus');
  fact(m.serverFacts.fixEvent, f.fixEventAt ? m.serverFacts.fixEventSeen : null, f.fixEventAt, 'fix-event');
  fact(lastAffectedLabel(f, lang), f.lastAffectedAt ? textTime(f.lastAffectedAt, times) : null, null);
  const step = serverNextStep(f);
  lines.push(`  ${m.nextStep}: ${stepText(step, state, lang)}`);
  if (DOWNLOADING_STEPS.has(step)) lines.push(`  ${m.download}: ${linksFor(lang).download}`);
  return lines.join('\n');
}

/** One line of proof: the fact, when (in the reader's time), by whom, from which thread. */
function proofLine(label: string, at: string, proof: ProofLine | undefined, lang: Lang): string {
  const m = msg(lang);
  const parts = [`${label} — ${slackDate(at)}`];
  // The fact's own date comes first (event 1022's, not the paste's); when it was recorded, if another day.
  if (proof?.recordedAt && proof.recordedAt.slice(0, 10) !== at.slice(0, 10)) parts.push(m.serverFacts.recordedOn({ date: slackDate(proof.recordedAt) }));
  if (proof?.userId) parts.push(m.serverFacts.byUser({ user: `<@${proof.userId}>` }));
  if (proof?.permalink) parts.push(`<${proof.permalink}|${m.status.thread}>`);
  else if (proof?.channelId) parts.push(`<#${proof.channelId}>`);
  return `• ${parts.join(' · ')}`;
}

/** `/kb954960 server X`: the state, the next step, then the evidence it rests on. */
export function renderServerBlocks(f: ServerFacts, lang: Lang, proofs: readonly ProofLine[] = []): types.KnownBlock[] {
  const m = msg(lang);
  const state = assessServer(f).state;
  const affected = isAffectedNow(f) ? ` — :red_circle: ${m.stateLabel.affected}` : '';
  const evidence: string[] = [];
  if (f.dllVersion && f.dllVersionAt)
    evidence.push(proofLine(m.serverFacts.dllSeen({ v: `*${escapeMrkdwn(f.dllVersion)}*` }), f.dllVersionAt, proofOf(proofs, 'dll'), lang));
  if (f.fixEventAt) evidence.push(proofLine(m.serverFacts.fixEventSeenLine, f.fixEventAt, proofOf(proofs, 'fix-event'), lang));
  if (f.wsusVersion && f.wsusVersionAt) evidence.push(proofLine(`WSUS *${escapeMrkdwn(f.wsusVersion)}*`, f.wsusVersionAt, proofOf(proofs, 'wsus'), lang));
  if (f.lastAffectedAt) evidence.push(`• ${lastAffectedLabel(f, lang)} — ${slackDate(f.lastAffectedAt)}`);
  const step = serverNextStep(f);
  return [
    header(f.name),
    section([`${BUCKET_EMOJI[state]} *${m.stateLabel[state]}*${affected}`, ...assessmentLines(f, lang).map(escapeMrkdwn)].join('\n')),
    section(`:point_right: *${m.nextStep}:* ${escapeMrkdwn(stepText(step, state, lang))}`),
    section(`*${m.serverFacts.evidenceTitle}*\n${evidence.length > 0 ? evidence.join('\n') : m.serverFacts.noFacts}`),
    context(m.serverFacts.proofNote),
    // The install step says "download below": the links are there, as in the diagnosis reply.
    ...(DOWNLOADING_STEPS.has(step) ? [linkButtons(lang)] : []),
  ];
}

/** App Home's fleet: a line per server, in sections that fit Slack's limits, at most `max` servers. */
export function renderServerList(servers: readonly { facts: ServerFacts; proofs: readonly ProofLine[] }[], lang: Lang, max = 50): types.KnownBlock[] {
  const m = msg(lang);
  const lines = servers.slice(0, max).map((s) => renderServerLine(s.facts, lang, s.proofs));
  if (servers.length > max) lines.push(m.serverFacts.moreServers({ n: servers.length - max }));
  const blocks: types.KnownBlock[] = [section(`*${m.serverFacts.listTitle}*`)];
  let chunk: string[] = [];
  let length = 0; // of chunk joined by newlines
  for (const line of lines) {
    if (chunk.length > 0 && length + 1 + line.length > SECTION_BUDGET) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
      length = 0;
    }
    length += (chunk.length > 0 ? 1 : 0) + line.length;
    chunk.push(line);
  }
  blocks.push(section(chunk.length > 0 ? chunk.join('\n') : m.serverFacts.noServers));
  return blocks;
}

/**
 * One line per server for App Home: state, and the proof of the fix (the DLL or event 1022, when and by whom) or that
 * there is none yet. A server KB954960 does not apply to needs no fix, so its line says no more than its state.
 */
function renderServerLine(f: ServerFacts, lang: Lang, proofs: readonly ProofLine[] = []): string {
  const m = msg(lang);
  const state = assessServer(f).state;
  const proof = fixProof(f);
  const by = (kind: ProofLine['fact']) => {
    const p = proofOf(proofs, kind);
    return p?.userId ? ` ${m.serverFacts.byUser({ user: `<@${p.userId}>` })}` : '';
  };
  const affected = isAffectedNow(f) ? ` — :red_circle: ${m.stateLabel.affected}` : '';
  const why =
    proof === 'dll' && f.dllVersionAt
      ? `DLL ${escapeMrkdwn(f.dllVersion ?? '')}, ${slackDate(f.dllVersionAt)}${by('dll')}`
      : proof === 'event' && f.fixEventAt
        ? `${m.serverFacts.eventShort}, ${slackDate(f.fixEventAt)}${by('fix-event')}`
        : m.serverFacts.noProofYet;
  const head = `${BUCKET_EMOJI[state]} *${escapeMrkdwn(f.name)}* — ${m.stateLabel[state]}${affected}`;
  return state === 'not-applicable' ? head : `${head} · ${why}`;
}
