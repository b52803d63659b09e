// e2e, HTTP mode: the diagnosis reply as an admin reads it (issue 11) — short, the next step first, the rest behind
// buttons that are really answered — through the real app against the fake Slack.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../src/render/action-ids.js';
import { SIGNING_SECRET, blocksText, startTestBot, type TestBot } from './support/bot.js';
import { fixture } from './support/fixtures.js';
import { blockAction, messageEvent, postEvent, postInteraction, slackTs, type RecordedCall } from './support/index.js';

type Block = { type: string; text?: { text: string }; elements?: { type: string; action_id: string; url?: string; value?: string; text: { text: string } }[] };

const WHOLE_LOG = fixture('client-affected.log').toString('utf8');

let channelSeq = 0;
const freshChannel = (prefix = 'C') => `${prefix}${String(++channelSeq).padStart(6, '0')}RPL`;

function buttons(blocks: unknown) {
  return (blocks as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

/** The index of the first block whose text matches. */
function indexOf(blocks: unknown, re: RegExp): number {
  return (blocks as Block[]).findIndex((b) => re.test(blocksText([b])));
}

describe('the diagnosis reply', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    await t.idle();
  });

  const paste = async (text: string, extra: Record<string, unknown> = {}) => {
    const channel = (extra.channel as string | undefined) ?? freshChannel();
    const ts = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text, ...extra }));
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel && c.body.thread_ts === ((extra.thread_ts as string | undefined) ?? ts));
    return { channel, ts, post, blocks: post.body.blocks as Block[] };
  };

  const click = async (post: RecordedCall, actionId: string, channel: string): Promise<RecordedCall> => {
    const element = buttons(post.body.blocks).find((b) => b.action_id === actionId);
    expect(element, actionId).toBeDefined();
    const responseUrl = t.fake.responseUrl();
    const res = await postInteraction(
      t.events,
      SIGNING_SECRET,
      blockAction({ action_id: actionId, element: element as unknown as Record<string, unknown>, container: { type: 'message', channel, blocks: post.body.blocks as unknown[] }, response_url: responseUrl }),
    );
    expect(res.status).toBe(200);
    return t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
  };

  it('a whole affected log: ≤ 7 blocks, ≤ 2,000 characters, the next step (install) before five evidence lines', async () => {
    const { blocks } = await paste(WHOLE_LOG);
    const all = blocksText(blocks);
    expect(blocks.length).toBeLessThanOrEqual(7);
    expect(all.length).toBeLessThanOrEqual(2000);
    expect(all).toMatch(/^KB954960: affected/);
    // the next step installs the fix; it is not "check the version" first
    const step = indexOf(blocks, /Next step:\* Install KB954960/);
    const evidence = indexOf(blocks, /```/);
    expect(step).toBeGreaterThan(0);
    expect(evidence).toBeGreaterThan(step);
    expect(all).not.toMatch(/Check the server's version first/);
    // five evidence lines, the rest behind a button
    const code = blocksText([blocks[evidence]]);
    expect(code.split('\n')).toHaveLength(5);
    expect(code).toContain('ErrorCode:InternalServerError(5)');
    // no verification commands until the admin is about to verify: a button instead
    expect(all).not.toContain('KB954960-CHECK');
    const ids = buttons(blocks).map((b) => b.action_id);
    expect(ids).toEqual([ACTION_IDS.download, ACTION_IDS.kb, ACTION_IDS.advisory, ACTION_IDS.moreEvidence, ACTION_IDS.howToVerify]);
  });

  it('"Show N more lines" posts the rest of the evidence to the one who clicked, from the stored diagnosis', async () => {
    const { channel, post, blocks } = await paste(WHOLE_LOG);
    const more = buttons(blocks).find((b) => b.action_id === ACTION_IDS.moreEvidence)!;
    const n = Number(/Show (\d+) more lines/.exec(more.text.text)?.[1]);
    expect(n).toBeGreaterThan(0);
    const answer = await click(post, ACTION_IDS.moreEvidence, channel);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = blocksText(answer.body.blocks);
    const lines = text.split('\n').filter((l) => /^\s*(?:```)?\s*\d+: /.test(l));
    expect(lines).toHaveLength(n);
    // the lines the reply did not show, in line order, after the ones it did
    const shownLast = Math.max(...blocksText(blocks).split('\n').map((l) => Number(/^\s*(?:```)?\s*(\d+): /.exec(l)?.[1] ?? 0)));
    const numbers = lines.map((l) => Number(/(\d+): /.exec(l)![1]));
    expect(numbers[0]).toBeGreaterThan(shownLast);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(text).toContain('Failed to synchronize, error = 0x8024400E');
  });

  it('"How to verify" posts the verification block to the one who clicked', async () => {
    const { channel, post } = await paste(WHOLE_LOG);
    const answer = await click(post, ACTION_IDS.howToVerify, channel);
    expect(answer.body.response_type).toBe('ephemeral');
    const text = blocksText(answer.body.blocks);
    expect(text).toContain('KB954960-CHECK computer=$c dll=$d');
    expect(text).toContain('3.1.6001.66');
    expect(text).toContain('wuauclt /detectnow');
  });

  it('"fixed": no verification commands, no "How to verify", no download', async () => {
    const { blocks } = await paste('KB954960-CHECK computer=WSUSFIX1 wsus=3.1.6001.65\nKB954960-CHECK computer=WSUSFIX1 dll=3.1.6001.66');
    const all = blocksText(blocks);
    expect(all).toMatch(/^KB954960: fixed/);
    expect(all).toMatch(/client web service DLL is 3\.1\.6001\.66/);
    expect(all).not.toMatch(/KB954960-CHECK computer=\$c|wmic|Get-EventLog|How to verify/);
    expect(buttons(blocks)).toEqual([]);
  });

  it('a server that runs RTM: SP1 first, with the download', async () => {
    const { blocks } = await paste('KB954960-CHECK computer=WSUSRTM1 wsus=3.0.6000.374');
    const all = blocksText(blocks);
    expect(all).toMatch(/Next step:\* The server runs WSUS 3\.0 RTM: install WSUS 3\.0 SP1 first/);
    expect(buttons(blocks).map((b) => b.action_id)).toContain(ACTION_IDS.download);
  });
});
