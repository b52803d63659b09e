import type { types } from '@slack/bolt';
import type { FactsLearned } from '../diagnose/diagnose.js';
import type { ServerState } from '../diagnose/server-state.js';
import { LANGS, type Lang } from '../lang.js';
import { ACTION_IDS, RECORD_FOR_ACTION_IDS } from './action-ids.js';
import { underVerdict } from './diagnosis-blocks.js';
import { context, escapeMrkdwn, LIMITS, section, truncate, type SlackMessage } from './blocks.js';
import { adminMentions } from './admins.js';
import { msg } from './messages/index.js';

/** block_id of the "which server?" question, so the button's answer replaces exactly it. */
const ASK_SERVER_BLOCK = 'kb954960_ask_server';

/** What a "Record for …" button carries (button values hold up to 2,000 characters; this is a few dozen). */
export interface RecordForValue {
  /** The diagnosis whose reported facts to record (the log itself is never kept). */
  readonly d: number;
  /** The server. */
  readonly s: string;
}

export function parseRecordForValue(value: string | undefined): RecordForValue | null {
  try {
    const v = JSON.parse(value ?? '') as Partial<RecordForValue>;
    return typeof v.d === 'number' && typeof v.s === 'string' && v.s.length > 0 ? { d: v.d, s: v.s } : null;
  } catch {
    return null;
  }
}

/** The facts as a phrase: "DLL 3.1.6001.66, the fix event (MsiInstaller 1022)" (what was reported, recorded or not). */
export function factsPhrase(f: Omit<FactsLearned, 'affected'>, lang: Lang): string {
  const m = msg(lang);
  return [
    ...(f.dllVersion ? [`DLL ${f.dllVersion}`] : []),
    ...(f.wsusVersion ? [`WSUS ${f.wsusVersion}`] : []),
    ...(f.fixEvent ? [m.attribution.fixEvent] : []),
    ...(f.fixEvent === false ? [m.attribution.noFixEvent] : []),
  ].join(m.notRecorded.listSeparator);
}

/**
 * Output that names no computer, pasted where no server is known: ask which server it is from — a button per known
 * server, or a reply in the thread — rather than record it for nobody.
 */
export function askServerBlocks(diagnosisId: number, reported: Omit<FactsLearned, 'affected'>, candidates: readonly string[], lang: Lang): types.KnownBlock[] {
  const m = msg(lang).attribution;
  const question = m.ask({ what: escapeMrkdwn(factsPhrase(reported, lang)), buttons: candidates.length > 0 });
  const blocks: types.KnownBlock[] = [{ ...section(question), block_id: ASK_SERVER_BLOCK }];
  if (candidates.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: `${ASK_SERVER_BLOCK}_buttons`,
      elements: candidates.slice(0, RECORD_FOR_ACTION_IDS.length).map((s, i) => ({
        type: 'button',
        text: { type: 'plain_text', text: truncate(m.recordFor({ server: s }), LIMITS.buttonText) },
        action_id: RECORD_FOR_ACTION_IDS[i]!,
        value: JSON.stringify({ d: diagnosisId, s } satisfies RecordForValue),
      })),
    });
  }
  return blocks;
}

/** The diagnosis message (rendered with `askingServer`) with the question under the verdict, where the next step goes. */
export function withAskServer(message: SlackMessage, ask: readonly types.KnownBlock[], lang: Lang): SlackMessage {
  return underVerdict(message, ask, msg(lang).attribution.askFallback);
}

/** What was recorded, by whom, and the server's state now. */
export function recordedText(r: { server: string; reported: Omit<FactsLearned, 'affected'>; state: ServerState; by?: string | null }, lang: Lang): string {
  const m = msg(lang);
  return m.attribution.recorded({
    server: escapeMrkdwn(r.server),
    by: r.by ? m.attribution.recordedBy({ user: `<@${r.by}>` }) : '',
    what: escapeMrkdwn(factsPhrase(r.reported, lang)),
    state: m.stateLabel[r.state],
  });
}

/**
 * The question answered, in the posted reply: the question (and its buttons) become what was recorded, and the
 * Server line that said "not named yet" names the server and its state — whichever way the answer came (a button,
 * a reply in the thread).
 */
export function replaceAskServer(blocks: readonly types.KnownBlock[], sentence: string, answer?: { server: string; state: ServerState }): types.KnownBlock[] {
  const out: types.KnownBlock[] = [];
  for (const b of blocks) {
    if (b.block_id === ASK_SERVER_BLOCK) out.push({ ...section(sentence), block_id: ASK_SERVER_BLOCK });
    else if (b.block_id !== `${ASK_SERVER_BLOCK}_buttons`) out.push(answer ? withServerNamed(b, answer) : b);
  }
  return out;
}

/** A section whose Server line said "not named yet", naming the server now (in the language the line was written in). */
function withServerNamed(b: types.KnownBlock, answer: { server: string; state: ServerState }): types.KnownBlock {
  if (b.type !== 'section' || b.text?.type !== 'mrkdwn') return b;
  for (const lang of LANGS) {
    const m = msg(lang);
    const unnamed = `*${m.server}:* ${m.attribution.serverNotNamed}`;
    if (b.text.text.includes(unnamed)) {
      const named = `*${m.server}:* *${escapeMrkdwn(answer.server)}* — ${m.stateLabel[answer.state]}`;
      return { ...b, text: { ...b.text, text: b.text.text.replace(unnamed, named) } };
    }
  }
  return b;
}

export function onlyAdminsRecord(adminUserIds: readonly string[], lang: Lang): string {
  return msg(lang).attribution.onlyAdmins({ admins: adminMentions(adminUserIds, lang) });
}

export function alreadyRecorded(server: string, lang: Lang): string {
  return msg(lang).attribution.already({ server: escapeMrkdwn(server) });
}

/** block_id of the question about one fault ID under two server names, so the button's answer replaces exactly it. */
const FAULT_CONFLICT_BLOCK = 'kb954960_fault_conflict';

/** What the "one server" button carries: this diagnosis, the earlier one, and the two names. */
export interface SameServerValue {
  readonly d: number;
  readonly e: number;
  /** The name this paste used (to become an alias). */
  readonly a: string;
  /** The server the earlier paste was recorded for. */
  readonly n: string;
  /** The fault ID. */
  readonly f: string;
}

export function parseSameServerValue(value: string | undefined): SameServerValue | null {
  try {
    const v = JSON.parse(value ?? '') as Partial<SameServerValue>;
    const ok = typeof v.d === 'number' && typeof v.e === 'number' && typeof v.a === 'string' && typeof v.n === 'string' && typeof v.f === 'string';
    return ok && v.a!.length > 0 && v.n!.length > 0 ? (v as SameServerValue) : null;
  } catch {
    return null;
  }
}

/**
 * One fault ID under two server names: said as a conflict at the end of the reply, with a button for an admin to say the
 * two names are one server (which records the alias and joins the two pastes).
 */
export function withFaultConflict(
  message: SlackMessage,
  r: { diagnosisId: number | null; earlierId: number; faultId: string; server: string; other: string; keep: string; permalink: string | null },
  lang: Lang,
): SlackMessage {
  const m = msg(lang).attribution;
  const where = r.permalink ? `<${r.permalink}|${m.earlierReport}>` : m.earlierReport;
  const blocks: types.KnownBlock[] = [
    {
      ...section(m.faultConflict({ id: `\`${escapeMrkdwn(r.faultId)}\``, where, other: escapeMrkdwn(r.other), server: escapeMrkdwn(r.server) })),
      block_id: FAULT_CONFLICT_BLOCK,
    },
  ];
  if (r.diagnosisId !== null) {
    blocks.push({
      type: 'actions',
      block_id: `${FAULT_CONFLICT_BLOCK}_buttons`,
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: truncate(m.sameServer({ server: r.server, other: r.other }), LIMITS.buttonText) },
          action_id: ACTION_IDS.sameServer,
          // The name the server log used is kept (the server's own name for itself); the other becomes its alias.
          value: JSON.stringify({
            d: r.diagnosisId,
            e: r.earlierId,
            a: r.keep === r.server ? r.other : r.server,
            n: r.keep,
            f: r.faultId,
          } satisfies SameServerValue),
        },
      ],
    });
  }
  // After the reply, as the "same failure" link goes: the verdict and its next step stand on this paste alone.
  return { text: `${message.text}\n${m.faultConflictFallback}`, blocks: [...message.blocks, ...blocks] };
}

/** The conflict answered: the question and its button become what was recorded. */
export function replaceFaultConflict(blocks: readonly types.KnownBlock[], sentence: string): types.KnownBlock[] {
  return blocks
    .filter((b) => b.block_id !== `${FAULT_CONFLICT_BLOCK}_buttons`)
    .map((b) => (b.block_id === FAULT_CONFLICT_BLOCK ? { ...section(sentence), block_id: FAULT_CONFLICT_BLOCK } : b));
}

/** What an admin's "one server" click recorded. */
export function sameServerText(r: { server: string; other: string; faultId: string; by?: string | null }, lang: Lang): string {
  const m = msg(lang).attribution;
  return m.sameServerRecorded({
    server: escapeMrkdwn(r.server),
    other: escapeMrkdwn(r.other),
    id: `\`${escapeMrkdwn(r.faultId)}\``,
    by: r.by ? m.recordedBy({ user: `<@${r.by}>` }) : '',
  });
}

export function onlyAdminsJoin(adminUserIds: readonly string[], lang: Lang): string {
  return msg(lang).attribution.onlyAdminsJoin({ admins: adminMentions(adminUserIds, lang) });
}

/** The second paste of one failure: it confirms the first, whose thread is linked. */
export function confirmsBlock(r: { permalink: string | null; faultId: string; server: string | null }, lang: Lang): types.KnownBlock {
  const m = msg(lang).attribution;
  const where = r.permalink ? `<${r.permalink}|${m.earlierReport}>` : m.earlierReport;
  return context(m.confirms({ where, on: r.server ? m.onServer({ server: escapeMrkdwn(r.server) }) : '', id: `\`${escapeMrkdwn(r.faultId)}\`` }));
}
