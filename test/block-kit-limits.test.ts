// The Block Kit checks the builder tests rely on (test/support/block-kit.ts): the limit check must fail on each limit
// it names (a planted violation of each is rejected, and the unmodified blocks pass), and visibleText, by which they
// read a reply, must read every text a reader sees and nothing else.
import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { expectModalWithinBlockKit, expectWithinBlockKit, visibleText } from './support/block-kit.js';

const button = (action_id: string, extra: Partial<types.Button> = {}): types.Button => ({
  type: 'button',
  text: { type: 'plain_text', text: 'Go' },
  action_id,
  ...extra,
});
const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const ok = (): types.KnownBlock[] => [
  { type: 'header', text: { type: 'plain_text', text: 'Title' } },
  section('fine'),
  { type: 'context', elements: [{ type: 'mrkdwn', text: 'small' }] },
  { type: 'actions', elements: [button('a', { url: 'https://example.com/' }), button('b', { value: 'v' })] },
];

describe('expectWithinBlockKit', () => {
  it('passes blocks within the limits', () => {
    expectWithinBlockKit(ok(), 'message');
    expectWithinBlockKit(ok(), 'view');
  });

  it.each<[string, (b: types.KnownBlock[]) => types.KnownBlock[], 'message' | 'view']>([
    ['51 blocks in a message', (b) => [...b, ...Array.from({ length: 47 }, () => section('x'))], 'message'],
    ['101 blocks in a view', (b) => [...b, ...Array.from({ length: 97 }, () => section('x'))], 'view'],
    ['section text over 3,000', (b) => [...b, section('x'.repeat(3001))], 'message'],
    ['11 fields', (b) => [...b, { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })) }], 'message'],
    ['a header over 150', (b) => [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }, ...b], 'message'],
    [
      '11 context elements',
      (b) => [...b, { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'c' })) }],
      'message',
    ],
    ['button text over 75', (b) => [...b, { type: 'actions', elements: [button('c', { text: { type: 'plain_text', text: 'b'.repeat(76) } })] }], 'message'],
    ['a url over 3,000', (b) => [...b, { type: 'actions', elements: [button('c', { url: `https://example.com/${'u'.repeat(3000)}` })] }], 'message'],
    ['an action_id twice in a message', (b) => [...b, { type: 'actions', elements: [button('a')] }], 'message'],
    ['an action_id twice in one block of a view', (b) => [...b, { type: 'actions', elements: [button('c'), button('c')] }], 'view'],
    ['a block_id twice', (b) => [...b, { ...section('one'), block_id: 'x' }, { ...section('two'), block_id: 'x' }], 'view'],
  ])('rejects %s', (_, plant, surface) => {
    expect(() => expectWithinBlockKit(plant(ok()), surface)).toThrow();
  });

  it('rejects a modal title over 24 characters', () => {
    const view: types.ModalView = { type: 'modal', title: { type: 'plain_text', text: 't'.repeat(25) }, blocks: ok() };
    expect(() => expectModalWithinBlockKit(view)).toThrow();
    expectModalWithinBlockKit({ ...view, title: { type: 'plain_text', text: 'Fine' } });
  });
});

describe('visibleText', () => {
  it('reads every text a reader sees, in order, in any kind of block; never ids, values or urls', () => {
    const plain = (text: string) => ({ type: 'plain_text' as const, text });
    const blocks: types.AnyBlock[] = [
      ...ok(),
      {
        type: 'section',
        block_id: 'b-id',
        fields: [{ type: 'mrkdwn', text: 'field one' }],
        accessory: button('acc', { url: 'https://example.com/acc', value: 'acc-value' }),
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'static_select',
            action_id: 'pick',
            placeholder: plain('Pick one'),
            options: [{ text: plain('Option A'), value: 'a-value' }],
            confirm: { title: plain('Sure?'), text: plain('It cannot be undone'), confirm: plain('Yes'), deny: plain('No') },
          },
        ],
      },
      {
        type: 'input',
        label: plain('Log'),
        hint: plain('Paste it'),
        element: { type: 'plain_text_input', action_id: 'log', placeholder: plain('WindowsUpdate.log') },
      },
      { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'alt', title: plain('Image title') },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'rich words' },
              { type: 'link', url: 'https://example.com/l', text: 'a link' },
            ],
          },
        ],
      },
    ];
    expect(visibleText(blocks).split('\n')).toEqual([
      'Title',
      'fine',
      'small',
      'Go',
      'Go',
      'field one',
      'Go',
      'Pick one',
      'Option A',
      'Sure?',
      'It cannot be undone',
      'Yes',
      'No',
      'Log',
      'Paste it',
      'WindowsUpdate.log',
      'Image title',
      'rich words',
      'a link',
    ]);
  });
});
