import type { types } from '@slack/bolt';
import type { Lang } from '../../detect/types.js';
import { formatBytes } from '../../ingest/decode.js';
import { t } from '../../render/i18n.js';

export const CHECK_MODAL_ID = 'kb954960_check';
/** Slack's limit for a plain_text_input is 3,000 characters. */
export const MODAL_MAX_CHARS = 3000;

/** The form a bare `/kb954960` opens: paste a log, name the server, pick the reply language. */
export function checkModal(lang: Lang, channelId: string, maxFileBytes: number): types.ModalView {
  const ja = lang === 'ja';
  return {
    type: 'modal',
    callback_id: CHECK_MODAL_ID,
    private_metadata: JSON.stringify({ channel_id: channelId }),
    title: { type: 'plain_text', text: ja ? 'KB954960 診断' : 'KB954960 check' },
    submit: { type: 'plain_text', text: ja ? '診断' : 'Diagnose' },
    close: { type: 'plain_text', text: ja ? 'キャンセル' : 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'log',
        label: { type: 'plain_text', text: ja ? 'ログ (WindowsUpdate.log / SoftwareDistribution.log の行)' : 'Log lines (WindowsUpdate.log / SoftwareDistribution.log)' },
        // Slack stops the input at 3,000 characters without a word: the hint says so, and what to do with a longer log.
        hint: { type: 'plain_text', text: t('modalHint', lang, { chars: MODAL_MAX_CHARS.toLocaleString('en-US'), max: formatBytes(maxFileBytes) }) },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: MODAL_MAX_CHARS },
      },
      {
        type: 'input',
        block_id: 'server',
        optional: true,
        label: { type: 'plain_text', text: ja ? 'WSUS サーバー名' : 'WSUS server name' },
        element: { type: 'plain_text_input', action_id: 'name', max_length: 253, placeholder: { type: 'plain_text', text: 'wsus01' } },
      },
      {
        type: 'input',
        block_id: 'lang',
        optional: true,
        label: { type: 'plain_text', text: ja ? '返答の言語' : 'Reply language' },
        element: {
          type: 'static_select',
          action_id: 'lang',
          initial_option: { text: { type: 'plain_text', text: ja ? '日本語' : 'English' }, value: lang },
          options: [
            { text: { type: 'plain_text', text: 'English' }, value: 'en' },
            { text: { type: 'plain_text', text: '日本語' }, value: 'ja' },
          ],
        },
      },
    ],
  };
}
