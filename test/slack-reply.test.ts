// e2e, HTTP mode: the diagnosis reply as an admin reads it — short, the next step first, the rest behind
// buttons that are really answered — through the real app against the fake Slack.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../src/render/action-ids.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { zip } from './support/zip.js';
import {
  blockAction,
  messageEvent,
  postEvent,
  postInteraction,
  postSlashCommand,
  slackTs,
  slashCommand,
  viewSubmission,
  type RecordedCall,
} from './support/index.js';

type Block = { type: string; text?: { text: string }; elements?: { type: string; action_id: string; url?: string; value?: string; text: { text: string } }[] };

const WHOLE_LOG = fixture('client-affected.log').toString('utf8');

let channelSeq = 0;
const freshChannel = (prefix = 'C') => `${prefix}${String(++channelSeq).padStart(6, '0')}RPL`;

function buttons(blocks: unknown) {
  return (blocks as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

/** The index of the first block whose text matches. */
function indexOf(blocks: unknown, re: RegExp): number {
  return (blocks as Block[]).findIndex((b) => re.test(visibleText([b])));
}

// One bot for the file: every test uses its own channel.
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

describe('the diagnosis reply', () => {
  const paste = async (text: string, extra: Record<string, unknown> = {}) => {
    const channel = (extra.channel as string | undefined) ?? freshChannel();
    const ts = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text, ...extra }));
    const post = await t.fake.waitFor(
      'chat.postMessage',
      (c) => c.body.channel === channel && c.body.thread_ts === ((extra.thread_ts as string | undefined) ?? ts),
    );
    return { channel, ts, post, blocks: post.body.blocks as Block[] };
  };

  const click = async (post: RecordedCall, actionId: string, channel: string): Promise<RecordedCall> => {
    const element = buttons(post.body.blocks).find((b) => b.action_id === actionId);
    expect(element, actionId).toBeDefined();
    const responseUrl = t.fake.responseUrl();
    const res = await postInteraction(
      t.events,
      SIGNING_SECRET,
      blockAction({
        action_id: actionId,
        element: element as unknown as Record<string, unknown>,
        container: { type: 'message', channel, blocks: post.body.blocks as unknown[] },
        response_url: responseUrl,
      }),
    );
    expect(res.status).toBe(200);
    return t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
  };

  it('a whole affected log: ≤ 7 blocks, ≤ 2,000 characters, the next step (install) before five evidence lines', async () => {
    const { blocks } = await paste(WHOLE_LOG);
    const all = visibleText(blocks);
    expect(blocks.length).toBeLessThanOrEqual(7);
    expect(all.length).toBeLessThanOrEqual(2000);
    expect(all).toMatch(/^KB954960: affected/);
    // the next step installs the fix (SP1 first if the server is still RTM); it is not "check the version" first
    const step = indexOf(blocks, /Next step:\* If the server still runs WSUS 3\.0 RTM .* Then install KB954960/);
    const evidence = indexOf(blocks, /```/);
    expect(step).toBeGreaterThan(0);
    expect(evidence).toBeGreaterThan(step);
    expect(all).not.toMatch(/Check the server's version first/);
    // five evidence lines, the rest behind a button
    const code = visibleText([blocks[evidence]]);
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
    const text = visibleText(answer.body.blocks);
    const lines = text.split('\n').filter((l) => /^\s*(?:```)?\s*\d+: /.test(l));
    expect(lines).toHaveLength(n);
    // the lines the reply did not show, in line order, after the ones it did
    const shownLast = Math.max(
      ...visibleText(blocks)
        .split('\n')
        .map((l) => Number(/^\s*(?:```)?\s*(\d+): /.exec(l)?.[1] ?? 0)),
    );
    const numbers = lines.map((l) => Number(/(\d+): /.exec(l)![1]));
    expect(numbers[0]).toBeGreaterThan(shownLast);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(text).toContain('Failed to synchronize, error = 0x8024400E');
  });

  it('"How to verify" posts the verification block to the one who clicked', async () => {
    const { channel, post } = await paste(WHOLE_LOG);
    const answer = await click(post, ACTION_IDS.howToVerify, channel);
    expect(answer.body.response_type).toBe('ephemeral');
    const text = visibleText(answer.body.blocks);
    expect(text).toContain('KB954960-CHECK computer=$c dll=$d');
    expect(text).toContain('3.1.6001.66');
    expect(text).toContain('wuauclt /detectnow');
  });

  it('"fixed": no verification commands, no "How to verify", no download', async () => {
    const { blocks } = await paste('KB954960-CHECK computer=WSUSFIX1 wsus=3.1.6001.65\nKB954960-CHECK computer=WSUSFIX1 dll=3.1.6001.66');
    const all = visibleText(blocks);
    expect(all).toMatch(/^KB954960: fixed/);
    expect(all).toMatch(/client web service DLL is 3\.1\.6001\.66/);
    expect(all).not.toMatch(/KB954960-CHECK computer=\$c|wmic|Get-EventLog|How to verify/);
    expect(buttons(blocks)).toEqual([]);
  });

  it('Slack words: a missing server is asked for in the thread, no CLI flags anywhere, dates as <!date> tokens', async () => {
    const noServer = KB_CLIENT_EXAMPLE.split('\n')
      .filter((l) => !l.includes('Server URL'))
      .join('\n');
    const { blocks } = await paste(noServer);
    expect(visibleText(blocks)).toContain('*Server:* not named — reply in this thread with the server name');
    const replies: string[] = [visibleText(blocks)];
    for (const text of ['history not/a/server!', 'history', 'status', 'help']) {
      const responseUrl = t.fake.responseUrl();
      await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, response_url: responseUrl }));
      const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
      replies.push(`${call.body.text as string}\n${visibleText(call.body.blocks)}`);
    }
    for (const r of replies) expect(r).not.toMatch(/(^|\s|`)--[a-z]/);
    expect(replies[2]).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|/);
  });

  it('the modal: its hint states the 3,000-character limit and says to upload a longer log; the result goes to the channel, naming who asked', async () => {
    const fields = slashCommand({ text: '', channel_id: 'CMODAL1' });
    await postSlashCommand(t.events, SIGNING_SECRET, fields);
    const open = await t.fake.waitFor('views.open', (c) => c.body.trigger_id === fields.trigger_id);
    const log = (open.body.view as { blocks: { block_id: string; hint?: { text: string } }[] }).blocks.find((b) => b.block_id === 'log')!;
    expect(log.hint?.text).toBe(
      'Up to 3,000 characters. For a longer log, upload the file in a channel with the bot or in a DM to it instead (up to 100 MB; a larger log is read from its end).',
    );

    // a full form (Slack cut it at 3,000): said under the verdict
    const full = `${KB_CLIENT_EXAMPLE}\n${'2008-08-12\t09:15:41:203\t 940\tf54\tAU\troutine line\n'.repeat(200)}`.slice(0, 3000);
    const values = {
      log: { text: { type: 'plain_text_input', value: full } },
      server: { name: { type: 'plain_text_input', value: 'wsusmodal2' } },
      lang: { lang: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'English' }, value: 'en' } } },
    };
    const res = await postInteraction(
      t.events,
      SIGNING_SECRET,
      viewSubmission({ callback_id: 'kb954960_check', user: 'UASKER', values, private_metadata: JSON.stringify({ channel_id: 'CMODAL1' }) }),
    );
    expect(res.status).toBe(200);
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CMODAL1');
    const blocks = post.body.blocks as Block[];
    expect(visibleText([blocks[0]])).toBe('<@UASKER> checked a log with /kb954960');
    expect(blocks.length).toBeLessThanOrEqual(7);
    expect(visibleText(blocks)).toMatch(/KB954960: affected[\s\S]*\*wsusmodal2\*/);
    expect(visibleText(blocks)).toContain('The form stops at 3,000 characters, so only that much was read: upload the log file instead');
  });

  it('a server that runs RTM: SP1 first, with the download', async () => {
    const { blocks } = await paste('KB954960-CHECK computer=WSUSRTM1 wsus=3.0.6000.374');
    const all = visibleText(blocks);
    expect(all).toMatch(/Next step:\* The server runs WSUS 3\.0 RTM: install WSUS 3\.0 SP1 first/);
    expect(buttons(blocks).map((b) => b.action_id)).toContain(ACTION_IDS.download);
  });
});

describe('channel etiquette and the files admins send', () => {
  const postsIn = (channel: string) => t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
  const send = async (channel: string, fields: Record<string, unknown>) => {
    const ts = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, ...fields }));
    await t.idle();
    return ts;
  };

  it('a repeat of the same failure in a thread gets a one-line note; a new failure there gets the full reply', async () => {
    const channel = freshChannel();
    const root = await send(channel, { text: WHOLE_LOG });
    await send(channel, { text: WHOLE_LOG, thread_ts: root });
    await send(channel, { text: WHOLE_LOG.replace(/wsusebc/g, 'wsusother'), thread_ts: root });
    const [first, second, third] = postsIn(channel);
    expect(first!.body.blocks).toHaveLength(6);
    expect(second!.body.thread_ts).toBe(root);
    expect(second!.body.blocks).toHaveLength(1);
    expect(visibleText(second!.body.blocks)).toMatch(/^:red_circle: Same as above: \*wsusebc\* — affected\. Nothing new in this paste\.$/);
    // another server in the same thread is not a repeat
    expect(visibleText(third!.body.blocks)).toMatch(/^KB954960: affected/);
    expect(visibleText(third!.body.blocks)).toContain('*wsusother*');
  });

  it('a chat question that only mentions a code of the KB: silence in a channel, one short pointer in a DM; one that only names the KB, silence', async () => {
    const channel = freshChannel();
    await send(channel, { text: 'has anyone seen 0x8024400E on their clients? KB954960 again?' });
    expect(postsIn(channel)).toHaveLength(0);
    const dm = `D${freshChannel().slice(1)}`;
    await send(dm, { text: 'has anyone seen 0x8024400E on their clients? KB954960 again?', channel_type: 'im' });
    const [pointer] = postsIn(dm);
    expect(pointer!.body.blocks.length).toBeLessThanOrEqual(2);
    expect(visibleText(pointer!.body.blocks)).toMatch(/^To check a client or server for KB954960, paste the log lines/);
    const quiet = freshChannel();
    await send(quiet, { text: 'did we ever install KB954960 on the new box?' });
    expect(postsIn(quiet)).toHaveLength(0);
  });

  it('a .zip of logs: the text logs inside are read', async () => {
    const channel = freshChannel();
    const file = t.fake.fileHost.addFile({
      name: 'logs.zip',
      bytes: zip([
        { name: 'pc-0142/WindowsUpdate.log', data: fixture('client-affected.log') },
        { name: 'readme.rtf', data: Buffer.from('{\\rtf1}') },
      ]),
      mimetype: 'application/zip',
      filetype: 'zip',
    });
    await send(channel, { text: '', files: [file] });
    const [post] = postsIn(channel);
    expect(visibleText(post!.body.blocks)).toMatch(/^KB954960: affected/);
    expect((await t.storage.history.list({ limit: 5 }))[0]).toMatchObject({ origin: 'file', sourceName: 'logs.zip', verdict: 'affected' });
  });

  it('an .evtx: the one-line wevtutil export, without downloading it', async () => {
    const channel = freshChannel();
    const file = t.fake.fileHost.addFile({
      name: 'Application.evtx',
      bytes: Buffer.concat([Buffer.from('ElfFile\0'), Buffer.alloc(4088)]),
      mimetype: 'application/octet-stream',
      filetype: 'binary',
    });
    await send(channel, { text: '', files: [file] });
    const posts = postsIn(channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.blocks).toHaveLength(1);
    expect(posts[0]!.body.text).toBe(
      "Application.evtx: I can't read .evtx event logs: on the server run wevtutil qe Application /q:\"*[System[Provider[@Name='MsiInstaller'] and (EventID=1022)]]\" /f:text &gt; MsiInstaller.txt and send MsiInstaller.txt.",
    );
    expect(t.fake.fileHost.downloads.filter((d) => d.path.includes(`/${file.id}/`))).toHaveLength(0);
  });

  it('a file in a channel that is not a log by its name: silence; named like a log: the refusal', async () => {
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
    const channel = freshChannel();
    await send(channel, {
      text: '',
      files: [t.fake.fileHost.addFile({ name: 'budget.xlsx.bin', bytes: junk, mimetype: 'application/octet-stream', filetype: 'binary' })],
    });
    expect(postsIn(channel)).toHaveLength(0);
    await send(channel, { text: '', files: [t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: junk, mimetype: 'text/plain', filetype: 'text' })] });
    expect(postsIn(channel)).toHaveLength(1);
    expect(postsIn(channel)[0]!.body.text).toMatch(/^WindowsUpdate\.log: this does not look like a text log/);
  });

  it('a DM upload with a comment: one reply, from the text and the file together', async () => {
    const dm = freshChannel('D');
    const file = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: fixture('client-affected.log'), mimetype: 'text/plain', filetype: 'text' });
    const ts = await send(dm, { text: 'here is the log from pc-0142, it stopped getting updates last week', files: [file] });
    const posts = postsIn(dm);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.thread_ts).toBe(ts);
    expect(visibleText(posts[0]!.body.blocks)).toMatch(/^KB954960: affected/);
  });

  it('two files in one message are diagnosed together: one reply', async () => {
    const channel = freshChannel();
    const client = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: fixture('client-affected.log') });
    const server = t.fake.fileHost.addFile({ name: 'SoftwareDistribution.log', bytes: fixture('server-affected.log') });
    const ts = await send(channel, { text: '', files: [client, server] });
    expect(postsIn(channel)).toHaveLength(1);
    expect((await t.storage.history.list({ limit: 5 })).find((e) => e.messageTs === ts)).toMatchObject({
      sourceName: 'WindowsUpdate.log, SoftwareDistribution.log',
      verdict: 'affected',
    });
  });
});
