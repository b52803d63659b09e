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
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

const KNOWN: ReadonlySet<string> = new Set(Object.values(ACTION_IDS));

export function isKnownActionId(id: string): id is ActionId {
  return KNOWN.has(id);
}
