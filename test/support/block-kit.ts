// Slack's Block Kit limits, checked on what a builder really produced: Slack rejects a message or view that breaks
// one (invalid_blocks), so a reply that breaks one is a reply nobody sees. Limits from Slack's Block Kit reference:
// blocks per message 50 and per modal or Home tab 100; section text 3,000 and ≤ 10 fields of ≤ 2,000; header 150;
// context ≤ 10 elements; actions ≤ 25 elements; button text 75, url 3,000, value 2,000; action_id and block_id 255;
// block_id unique within the message or view; action_id unique within the message (Slack itself asks it unique
// within its block, which is what a view is held to here); input label and hint 2,000; select options ≤ 100 of ≤ 75;
// modal title, submit and close 24; private_metadata 3,000.
import type { types } from '@slack/bolt';
import { expect } from 'vitest';
import { visibleText as productVisibleText } from '../../src/render/blocks.js';

export const BLOCK_KIT = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  url: 3000,
  value: 2000,
  id: 255,
  inputLabel: 2000,
  options: 100,
  optionText: 75,
  modalTitle: 24,
  privateMetadata: 3000,
} as const;

type Node = Record<string, unknown>;
const textOf = (t: unknown): string => ((t as { text?: unknown } | undefined)?.text as string | undefined) ?? '';

/** Every object in the tree (blocks and their elements, at any depth). */
function walk(v: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (v && typeof v === 'object') {
    visit(v as Node);
    for (const x of Object.values(v)) walk(x, visit);
  }
}

/** Asserts the blocks of one message (`surface: 'message'`) or one modal/Home view (`'view'`) fit Slack's limits. */
export function expectWithinBlockKit(blocks: readonly types.AnyBlock[], surface: 'message' | 'view'): void {
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(surface === 'message' ? BLOCK_KIT.messageBlocks : BLOCK_KIT.viewBlocks);
  const actionIds: string[] = [];
  const blockIds: string[] = [];
  for (const b of blocks as readonly types.KnownBlock[]) {
    if (b.block_id !== undefined) blockIds.push(b.block_id);
    const inBlock = idsIn(b);
    expect(new Set(inBlock).size, `action_ids unique within a block: ${inBlock.join(', ')}`).toBe(inBlock.length);
    switch (b.type) {
      case 'section':
        if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(BLOCK_KIT.sectionText);
        expect(b.text !== undefined || (b.fields?.length ?? 0) > 0).toBe(true);
        expect(b.fields?.length ?? 0).toBeLessThanOrEqual(BLOCK_KIT.fields);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(BLOCK_KIT.fieldText);
        break;
      case 'header':
        expect(b.text.text.length).toBeGreaterThan(0);
        expect(b.text.text.length).toBeLessThanOrEqual(BLOCK_KIT.header);
        break;
      case 'context':
        expect(b.elements.length).toBeGreaterThan(0);
        expect(b.elements.length).toBeLessThanOrEqual(BLOCK_KIT.contextElements);
        for (const e of b.elements) if ('text' in e) expect(e.text.length).toBeLessThanOrEqual(BLOCK_KIT.sectionText);
        break;
      case 'actions':
        expect(b.elements.length).toBeGreaterThan(0);
        expect(b.elements.length).toBeLessThanOrEqual(BLOCK_KIT.actionsElements);
        break;
      case 'input':
        expect(b.label.text.length).toBeLessThanOrEqual(BLOCK_KIT.inputLabel);
        if (b.hint) expect(b.hint.text.length).toBeLessThanOrEqual(BLOCK_KIT.inputLabel);
        break;
    }
  }
  walk(blocks, (n) => {
    if (typeof n.action_id === 'string') actionIds.push(n.action_id);
    if (n.type === 'button') {
      expect(textOf(n.text).length).toBeGreaterThan(0);
      expect(textOf(n.text).length).toBeLessThanOrEqual(BLOCK_KIT.buttonText);
      if (n.url !== undefined) {
        expect(String(n.url).length).toBeLessThanOrEqual(BLOCK_KIT.url);
        expect(String(n.url)).toMatch(/^https?:\/\//);
      }
      if (n.value !== undefined) expect(String(n.value).length).toBeLessThanOrEqual(BLOCK_KIT.value);
    }
    if (Array.isArray(n.options)) {
      expect(n.options.length).toBeLessThanOrEqual(BLOCK_KIT.options);
      for (const o of n.options as Node[]) expect(textOf(o.text).length).toBeLessThanOrEqual(BLOCK_KIT.optionText);
    }
  });
  for (const id of [...actionIds, ...blockIds]) expect(id.length).toBeLessThanOrEqual(BLOCK_KIT.id);
  if (surface === 'message') expect(new Set(actionIds).size, `action_ids unique within the message: ${actionIds.join(', ')}`).toBe(actionIds.length);
  expect(new Set(blockIds).size, `block_ids unique: ${blockIds.join(', ')}`).toBe(blockIds.length);
}

/** A message: its blocks within the limits, and a text fallback (notifications, screen readers) that says something. */
export function expectMessageWithinBlockKit(message: { text: string; blocks: readonly types.AnyBlock[] }): void {
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(40_000);
  expectWithinBlockKit(message.blocks, 'message');
}

/** A modal: its blocks, and its title, buttons and metadata within their limits. */
export function expectModalWithinBlockKit(view: types.ModalView): void {
  expectWithinBlockKit(view.blocks, 'view');
  for (const t of [view.title, view.submit, view.close]) {
    expect(t?.text.length ?? 1).toBeGreaterThan(0);
    expect(t?.text.length ?? 0).toBeLessThanOrEqual(BLOCK_KIT.modalTitle);
  }
  expect(view.private_metadata?.length ?? 0).toBeLessThanOrEqual(BLOCK_KIT.privateMetadata);
  expect(view.callback_id?.length ?? 0).toBeLessThanOrEqual(BLOCK_KIT.id);
}

// All the text a reader sees in the blocks: the product's own reader (it measures the diagnosis reply's budget with
// it), so that the tests read a reply the way the product does: one definition of "visible text". Typed here for
// what a test holds — blocks recorded off the wire are untyped JSON — which the reader walks as it is, by key.
export const visibleText = productVisibleText as (blocks: unknown) => string;

/** A button the bot posted, with the block it sits in (Slack reports the block_id back when it is clicked). */
export interface PostedButton {
  readonly blockId: string | undefined;
  readonly element: Record<string, unknown> & { action_id: string };
}

/** Every button anywhere in a message or view. */
export function buttonsIn(blocks: unknown): PostedButton[] {
  const out: PostedButton[] = [];
  const visit = (v: unknown, blockId: string | undefined): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x, blockId);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.type === 'button') out.push({ blockId, element: o as PostedButton['element'] });
    for (const x of Object.values(o)) visit(x, typeof o.block_id === 'string' ? o.block_id : blockId);
  };
  visit(blocks, undefined);
  return out;
}

/** The url of every button in the blocks. */
export function buttonUrls(blocks: readonly types.AnyBlock[]): string[] {
  const out: string[] = [];
  walk(blocks, (n) => {
    if (n.type === 'button' && typeof n.url === 'string') out.push(n.url);
  });
  return out;
}

/** The action_id of every element in the blocks. */
export function actionIds(blocks: readonly types.AnyBlock[]): string[] {
  return idsIn(blocks);
}

function idsIn(v: unknown): string[] {
  const out: string[] = [];
  walk(v, (n) => {
    if (typeof n.action_id === 'string') out.push(n.action_id);
  });
  return out;
}
