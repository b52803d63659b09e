import type { ButtonAction } from '@slack/bolt';
import { DEFAULT_LANG, isLang, type Lang } from '../../../lang.js';
import {
  parseButtonValue,
  renderHowToVerify,
  renderMoreEvidence,
  REPLY_BUDGET,
  type HowToVerifyValue,
  type MoreLinesValue,
} from '../../../render/diagnosis-blocks.js';
import type { SlackMessage } from '../../../render/blocks.js';
import type { ActionHandler, BlockActionArgs } from './handler.js';

/*
 * The diagnosis reply's own buttons. Each answers only the one who clicked (ephemeral, through the click's
 * response_url, in the reply's thread): the channel already has the short reply; the detail is for who asked.
 */

function langOfValue(v: { lang?: unknown } | null): Lang {
  return isLang(v?.lang) ? v.lang : DEFAULT_LANG;
}

async function answerClicker(args: Omit<BlockActionArgs, 'ack' | 'next'>, message: SlackMessage): Promise<void> {
  const threadTs = args.body.message?.thread_ts;
  await args.respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

/** "Show N more lines": the evidence past the first five, read from the stored diagnosis the button names. */
export const moreEvidence: ActionHandler = async (args, { store }) => {
  const v = parseButtonValue<MoreLinesValue>((args.action as ButtonAction).value);
  const total = typeof v?.n === 'number' ? v.n : 0;
  const lines = store && typeof v?.d === 'number' ? (await store.history.evidenceOf(v.d, total)).slice(REPLY_BUDGET.evidenceShown) : [];
  await answerClicker(args, renderMoreEvidence(lines, total, langOfValue(v)));
};

/** "How to verify": what to check after installing, with the commands whose output the bot reads back. */
export const howToVerify: ActionHandler = async (args) => {
  const v = parseButtonValue<HowToVerifyValue>((args.action as ButtonAction).value);
  await answerClicker(args, renderHowToVerify(langOfValue(v)));
};
