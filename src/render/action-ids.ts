/**
 * Every action_id the bot puts on a button or menu, in one place: the renderers use these to build blocks and the
 * actions listener (src/slack/listeners/actions.ts) to know what it is answering. Slack sends a `block_actions`
 * request for every click, link buttons included, and every one must be acknowledged within 3 seconds.
 */
export const ACTION_IDS = {
  /** Link button: the KB954960 download page. */
  download: 'kb954960_download',
  /** Link button: the KB article. */
  kb: 'kb954960_kb',
  /** Link button: the security advisory. */
  advisory: 'kb954960_advisory',
  /** The evidence lines a diagnosis reply left out; value: MoreLinesValue (render/diagnosis-blocks.ts). */
  moreEvidence: 'kb954960_more_evidence',
  /** The verification steps and commands, on request; value: HowToVerifyValue. */
  howToVerify: 'kb954960_how_to_verify',
  /** "These two names are one server", on a fault ID reported under two server names; value: SameServerValue. */
  sameServer: 'kb954960_same_server',
} as const;

/**
 * "Record for <server>" buttons, one per candidate server (at most five). Slack wants action_ids unique within a
 * block, so each position has its own id; all have one handler.
 */
export const RECORD_FOR_ACTION_IDS = [
  'kb954960_record_for_1',
  'kb954960_record_for_2',
  'kb954960_record_for_3',
  'kb954960_record_for_4',
  'kb954960_record_for_5',
] as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS] | (typeof RECORD_FOR_ACTION_IDS)[number];

const KNOWN: ReadonlySet<string> = new Set<string>([...Object.values(ACTION_IDS), ...RECORD_FOR_ACTION_IDS]);

export function isKnownActionId(id: string): id is ActionId {
  return KNOWN.has(id);
}
