// The modal surface (src/slack/views/check-modal.ts): the form a bare `/kb954960` opens; both languages.
import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../src/lang.js';
import { formatBytes } from '../src/ingest/decode.js';
import { msg } from '../src/render/messages/index.js';
import { CHECK_MODAL_ID, checkModal, MODAL_MAX_CHARS } from '../src/slack/views/check-modal.js';
import { BLOCK_KIT, expectModalWithinBlockKit, visibleText } from './support/block-kit.js';

const KANA = /[\u3040-\u30ff]/;

describe.each(['en', 'ja'] as const)('the check form in %s', (lang: Lang) => {
  const view = checkModal(lang, 'C0CHANNEL', 100 * 1024 * 1024);

  it("fits Slack's limits for a modal, its words in the reader's language", () => {
    expectModalWithinBlockKit(view);
    expect(view.callback_id).toBe(CHECK_MODAL_ID);
    expect(view.title.text).toBe(msg(lang).modal.title);
    expect(view.submit?.text).toBe(msg(lang).modal.submit);
    const text = visibleText(view.blocks);
    expect(KANA.test(`${view.title.text}${text}`)).toBe(lang === 'ja');
  });

  it('asks for the log (capped where Slack caps it, and says so), the server and the reply language', () => {
    const inputs = view.blocks.filter((b): b is types.InputBlock => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(['log', 'server', 'lang']);
    const [log, server, language] = inputs;
    expect(log?.optional).toBeFalsy(); // the log is what the form is for
    expect(log).toMatchObject({ element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: MODAL_MAX_CHARS } });
    expect(MODAL_MAX_CHARS).toBeLessThanOrEqual(BLOCK_KIT.sectionText);
    expect(log?.hint?.text).toContain(formatBytes(100 * 1024 * 1024));
    expect(server).toMatchObject({ optional: true, element: { type: 'plain_text_input', action_id: 'name' } });
    expect(language).toMatchObject({ optional: true, element: { type: 'static_select', action_id: 'lang', initial_option: { value: lang } } });
  });

  it('remembers the channel it was opened in', () => {
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ channel_id: 'C0CHANNEL' });
  });
});
