/**
 * The diagnosis as a Slack reply, read in ten seconds (docs/contract.md "How the bot talks"): the verdict; one line of why
 * and the server; the ONE next step that fits the server's state; at most five evidence lines; buttons for the rest
 * ("Show N more lines", "How to verify") and links only where a download is the next step. The CLI (text.ts) keeps
 * the full detail; what the reply leaves out is one click away, answered from the stored diagnosis.
 */
import type { types } from '@slack/bolt';
import { asksForVerification, isVerifyingStep, type Action, type Diagnosis, type Note } from '../diagnose/diagnose.js';
import type { Finding } from '../detect/types.js';
import type { Lang } from '../lang.js';
import { FIXED_DLL_VERSION, VERIFY_BLOCKS } from '../kb954960.js';
import { ACTION_IDS } from './action-ids.js';
import {
  codeBlock,
  context,
  escapeMrkdwn,
  header,
  LIMITS,
  linkButtons,
  problemListBlock,
  section,
  truncate,
  visibleText,
  type SlackMessage,
} from './blocks.js';
import { actionText, DOWNLOADING_STEPS, noteText, stepText, VERDICT_EMOJI } from './i18n.js';
import { msg } from './messages/index.js';
import { slackDate } from './slack-date.js';
import { renderSummaryLine } from './text.js';

/** What a whole-log reply may take: blocks, characters of visible text, evidence lines shown. */
export const REPLY_BUDGET = { blocks: 7, textChars: 2000, evidenceShown: 5, evidenceLineChars: 200, notesChars: 300 } as const;

/** Notes the CLI prints and the Slack reply leaves out: general advice, or said by the why line already. */
const CLI_ONLY_NOTES: ReadonlySet<Note['kind']> = new Set<Note['kind']>([
  'intermittent',
  'fault-id-joins',
  'failures-predate-fix',
  'not-applicable',
  'conflict',
]);

/**
 * The one next step. A diagnosis lists its steps in the order to do them; in Slack the first that changes the
 * server's state leads — installing (SP1 first on RTM) — rather than "check the version", which the fix's own
 * installer answers; where only part of the signature was seen, confirming it comes first.
 */
export function nextStep(d: Pick<Diagnosis, 'verdict' | 'actions'>): Action | undefined {
  if (d.verdict !== 'possible') {
    for (const install of ['install-sp1-then-fix', 'install-fix'] as const) if (d.actions.includes(install)) return install;
  }
  return d.actions[0];
}

/** The verification commands go in the reply only where verifying is the next step; else behind "How to verify". */
export function verifiesNow(d: Pick<Diagnosis, 'verdict' | 'actions'>): boolean {
  const step = nextStep(d);
  return d.verdict !== 'fixed' && step !== undefined && isVerifyingStep(step);
}

/** Verification comes later (after installing): a "How to verify" button. Never after "fixed". */
export function offersVerification(d: Pick<Diagnosis, 'verdict' | 'actions'>): boolean {
  return d.verdict !== 'fixed' && asksForVerification(d) && !verifiesNow(d);
}

/** What the "Show N more lines" button carries: the stored diagnosis and how many of its findings are evidence. */
export interface MoreLinesValue {
  readonly d: number;
  readonly n: number;
  readonly lang: Lang;
}

export interface HowToVerifyValue {
  readonly lang: Lang;
}

export function parseButtonValue<T>(value: string | undefined): Partial<T> | null {
  try {
    const v = JSON.parse(value ?? '') as unknown;
    return v && typeof v === 'object' ? (v as Partial<T>) : null;
  } catch {
    return null;
  }
}

/** One evidence line as the reply shows it: line number, the line cut to fit. */
export function evidenceLine(f: Pick<Finding, 'line' | 'text'>, chars: number = REPLY_BUDGET.evidenceLineChars): string {
  return `${String(f.line).padStart(6)}: ${truncate(f.text, chars)}`;
}

/**
 * The diagnosis message with `blocks` right under its verdict (header, verdict), where the next step goes and cannot be
 * missed; `line` is added to the text fallback.
 */
export function underVerdict(message: SlackMessage, blocks: readonly types.KnownBlock[], line: string): SlackMessage {
  const all = [...message.blocks];
  all.splice(Math.min(2, all.length), 0, ...blocks);
  return { text: `${message.text}\n${line}`, blocks: all };
}

export interface ReplyOptions {
  /** The stored diagnosis: the "Show N more lines" button reads the rest from it. */
  readonly diagnosisId?: number | null;
  /** mrkdwn lines the surface adds under the verdict's notes (which part of a long log was read, files not read). */
  readonly remarks?: readonly string[];
  /**
   * The reply will ask which server the output is from (src/render/attribution.ts): the Server line says only "not
   * named yet" (the question under it says how to answer), and "nothing to do" is no step while no server is named.
   */
  readonly askingServer?: boolean;
}

export function renderDiagnosisBlocks(d: Diagnosis, o: ReplyOptions = {}): SlackMessage {
  const lang = d.lang;
  const step = nextStep(d);
  const blocks: types.KnownBlock[] = [header(msg(lang).verdictHeadline[d.verdict])];

  const server = d.server
    ? `*${escapeMrkdwn(d.server)}* — ${msg(lang).stateLabel[d.serverState]}`
    : o.askingServer
      ? msg(lang).attribution.serverNotNamed
      : msg(lang).noServerSlack;
  blocks.push(section(`${VERDICT_EMOJI[d.verdict]} ${whyLine(d)}\n*${msg(lang).server}:* ${truncate(server, 300)}`));

  if (step && !(o.askingServer && step === 'nothing-to-do')) {
    blocks.push(section(`:point_right: *${msg(lang).nextStep}:* ${escapeMrkdwn(stepText(step, d.serverState, lang))}`));
  }
  if (verifiesNow(d)) blocks.push(...verificationBlocks(lang));

  const notes = [
    ...(o.remarks ?? []),
    ...d.notes.filter((n) => !CLI_ONLY_NOTES.has(n.kind)).map((n) => noteText(n, lang, { date: (iso) => slackDate(iso), value: escapeMrkdwn })),
  ];
  const notesBlock = notes.length > 0 ? context(truncateLines(notes, REPLY_BUDGET.notesChars)) : null;

  // After the KB954960 part (KB954960 always comes first): the other known problems, one line each.
  const problemsBlock = d.problems.length > 0 ? problemListBlock(d.problems, lang, msg(lang).otherProblems, { actionChars: 120 }) : null;

  const buttons: types.Button[] = [];
  const shown = d.evidence.slice(0, REPLY_BUDGET.evidenceShown);
  const more = d.evidence.length - shown.length;
  if (more > 0 && o.diagnosisId != null) {
    const value: MoreLinesValue = { d: o.diagnosisId, n: d.evidence.length, lang };
    buttons.push(button(msg(lang).showMoreLines({ n: more }), ACTION_IDS.moreEvidence, JSON.stringify(value)));
  }
  if (offersVerification(d)) buttons.push(button(msg(lang).howToVerify, ACTION_IDS.howToVerify, JSON.stringify({ lang } satisfies HowToVerifyValue)));
  const links = step && DOWNLOADING_STEPS.has(step) ? linkButtons(lang).elements : [];
  const actions: types.ActionsBlock | null = links.length + buttons.length > 0 ? { type: 'actions', elements: [...links, ...buttons] } : null;

  if (shown.length > 0) {
    // The evidence takes what the rest of the reply leaves of the text budget.
    const rest = visibleText([...blocks, ...(notesBlock ? [notesBlock] : []), ...(problemsBlock ? [problemsBlock] : []), ...(actions ? [actions] : [])]).length;
    const perLine = Math.max(60, Math.min(REPLY_BUDGET.evidenceLineChars, Math.floor((REPLY_BUDGET.textChars - rest - 40) / shown.length) - 8));
    const lines = shown.map((f) => evidenceLine(f, perLine));
    if (more > 0 && o.diagnosisId == null) lines.push(`… ${msg(lang).moreEvidence({ n: more })}`);
    blocks.push(section(codeBlock(lines)));
  }
  if (notesBlock) blocks.push(notesBlock);
  if (problemsBlock) blocks.push(problemsBlock);
  if (actions) blocks.push(actions);
  return { text: renderSummaryLine(d), blocks };
}

/** The verification commands with what to do with their output. */
export function verificationBlocks(lang: Lang): types.KnownBlock[] {
  return [
    section(`*${msg(lang).verify}* — ${msg(lang).verifyPasteBack}\n${msg(lang).verifyPowershell}:\n${codeBlock(VERIFY_BLOCKS.powershell)}`),
    section(`${msg(lang).verifyWmic}:\n${codeBlock(VERIFY_BLOCKS.cmd)}`),
  ];
}

/** "How to verify", answered on request: what to check after installing, the commands, then the client. */
export function renderHowToVerify(lang: Lang): SlackMessage {
  return {
    text: msg(lang).howToVerify,
    blocks: [
      section(`*${msg(lang).afterInstalling}:* ${escapeMrkdwn(actionText('verify-fix', lang))}`),
      ...verificationBlocks(lang),
      section(escapeMrkdwn(actionText('rerun-client-detection', lang))),
    ],
  };
}

/** The evidence lines past the first five, from the stored diagnosis, in sections that fit Slack's limits. */
export function renderMoreEvidence(lines: readonly Pick<Finding, 'line' | 'text'>[], total: number, lang: Lang): SlackMessage {
  const from = REPLY_BUDGET.evidenceShown + 1;
  if (lines.length === 0) return { text: msg(lang).evidenceGone, blocks: [section(msg(lang).evidenceGone)] };
  const title = msg(lang).evidenceRest({ from, to: from + lines.length - 1, n: total });
  const blocks: types.KnownBlock[] = [section(`*${title}*`)];
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length > 0) blocks.push(section(codeBlock(chunk)));
    chunk = [];
    size = 0;
  };
  for (const f of lines) {
    const line = evidenceLine(f, 400);
    // Escaping can grow a line; keep each code block well inside a section's 3,000 characters.
    if (size + line.length * 1.3 > LIMITS.sectionText - 300) flush();
    chunk.push(line);
    size += line.length * 1.3 + 1;
  }
  flush();
  return { text: title, blocks: blocks.slice(0, LIMITS.blocks) };
}

/** Whole lines up to `max` characters (a cut `<!date^…>` token or mrkdwn link would show as garbage). */
function truncateLines(lines: readonly string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (out.length > 0 && used + line.length + 1 > max) break;
    out.push(out.length === 0 ? truncate(line, max) : line);
    used += line.length + 1;
  }
  return out.join('\n');
}

function button(text: string, actionId: string, value: string): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText) }, action_id: actionId, value };
}

/** The one line of why: what in this input (or on record) the verdict rests on. mrkdwn: catalogue words, versions, a date token. */
export function whyLine(d: Diagnosis): string {
  const lang = d.lang;
  const has = (rule: string) => d.evidence.some((f) => f.rule === rule);
  const v = (version: string | undefined) => (version ? ` (${version})` : '');
  switch (d.verdict) {
    case 'affected': {
      const attempts = new Set(
        d.evidence.filter((f) => f.source === 'WindowsUpdate.log' && f.rule === 'client-internal-server-error-5').map((f) => `${f.file ?? ''}:${f.attempt}`),
      ).size;
      if (attempts > 0) return msg(lang).whyAffectedClient({ n: attempts });
      // Neither side's signature in this input: the server's, pasted earlier, proved it through the fault ID.
      if (!d.evidence.some((f) => f.source === 'SoftwareDistribution.log')) return msg(lang).whyAffectedByFaultId;
      return msg(lang).whyAffectedServer;
    }
    case 'possible':
      return msg(lang).whyPossible;
    case 'vulnerable':
      return d.serverState === 'needs-sp1'
        ? msg(lang).whyNeedsSp1({ v: v(d.learned.wsusVersion) })
        : msg(lang).whyVulnerable({ v: v(d.learned.dllVersion ?? d.learned.wsusVersion), fixed: FIXED_DLL_VERSION });
    case 'fixed': {
      const predates = d.notes.find((n) => n.kind === 'failures-predate-fix');
      if (predates) return noteText(predates, lang, { date: (iso) => slackDate(iso) });
      if (d.learned.dllVersion) return msg(lang).whyFixedDll({ v: d.learned.dllVersion, fixed: FIXED_DLL_VERSION });
      if (has('msiinstaller-1022-kb954960')) return msg(lang).whyFixedEvent;
      return msg(lang).whyFixedRecorded;
    }
    case 'conflict':
    case 'clean': {
      // Where KB954960 does not apply, or the facts contradict each other, that is the why.
      const said = d.notes.find((n) => n.kind === 'not-applicable' || n.kind === 'conflict');
      if (said) return noteText(said, lang, { value: escapeMrkdwn });
      return msg(lang).whyClean({ n: d.lines.toLocaleString('en-US') });
    }
  }
}
