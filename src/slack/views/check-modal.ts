import type { types } from '@slack/bolt';
import { LANGS, type Lang } from '../../lang.js';
import { formatBytes } from '../../ingest/decode.js';
import { msg } from '../../render/messages/index.js';

export const CHECK_MODAL_ID = 'kb954960_check';
/** Slack's limit for a plain_text_input is 3,000 characters. */
export const MODAL_MAX_CHARS = 3000;

/** Each language named in itself, so a reader finds their own whatever the form's language. */
const LANG_OPTION = Object.fromEntries(LANGS.map((l) => [l, msg(l).langName[l]])) as Readonly<Record<Lang, string>>;

/** The form a bare `/kb954960` opens: paste a log, name the server, pick the reply language. */
export function checkModal(lang: Lang, channelId: string, maxFileBytes: number): types.ModalView {
  const m = msg(lang).modal;
  return {
    type: 'modal',
    callback_id: CHECK_MODAL_ID,
    private_metadata: JSON.stringify({ channel_id: channelId }),
    title: { type: 'plain_text', text: m.title },
    submit: { type: 'plain_text', text: m.submit },
    close: { type: 'plain_text', text: m.close },
    blocks: [
      {
        type: 'input',
        block_id: 'log',
        label: { type: 'plain_text', text: m.log },
        // Slack stops the input at 3,000 characters without a word: the hint says so, and what to do with a longer log.
        hint: { type: 'plain_text', text: msg(lang).modalHint({ chars: MODAL_MAX_CHARS.toLocaleString('en-US'), max: formatBytes(maxFileBytes) }) },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: MODAL_MAX_CHARS },
      },
      {
        type: 'input',
        block_id: 'server',
        optional: true,
        label: { type: 'plain_text', text: m.server },
        element: { type: 'plain_text_input', action_id: 'name', max_length: 253, placeholder: { type: 'plain_text', text: 'wsus01' } },
      },
      {
        type: 'input',
        block_id: 'lang',
        optional: true,
        label: { type: 'plain_text', text: m.lang },
        element: {
          type: 'static_select',
          action_id: 'lang',
          initial_option: { text: { type: 'plain_text', text: LANG_OPTION[lang] }, value: lang },
          options: LANGS.map((l) => ({ text: { type: 'plain_text', text: LANG_OPTION[l] }, value: l })),
        },
      },
    ],
  };
}
