// Each listener folder's exported callback, called directly — no Bolt App, no HTTP — with a real temp store (either engine)
// and the real durable inbox (SlackInbox). The inbox's workers here only record what they were handed: the listener's
// effect is what it wrote to the queue (key, kind, payload), what it acked and when, and what it left alone.
import type { types } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { ACTION_IDS, RECORD_FOR_ACTION_IDS } from '../src/render/action-ids.js';
import { askServerBlocks, withAskServer } from '../src/render/attribution.js';
import { renderDiagnosisBlocks, REPLY_BUDGET } from '../src/render/diagnosis-blocks.js';
import { msg } from '../src/render/messages/index.js';
import type { ListenerDeps } from '../src/slack/context.js';
import { SlackInbox } from '../src/slack/inbox.js';
import { answerBlockAction } from '../src/slack/listeners/actions/block-actions.js';
import { kb954960Command } from '../src/slack/listeners/commands/kb954960.js';
import { appHomeOpened } from '../src/slack/listeners/events/app-home-opened.js';
import { appMention } from '../src/slack/listeners/events/app-mention.js';
import { logPasteMessage } from '../src/slack/listeners/messages/log-paste.js';
import { diagnoseShortcut } from '../src/slack/listeners/shortcuts/diagnose.js';
import { checkModalSubmission } from '../src/slack/listeners/views/check-modal-submission.js';
import { checkModal } from '../src/slack/views/check-modal.js';
import type { MessageWork } from '../src/slack/work/message.js';
import type { InboxItem, Storage } from '../src/store/port.js';
import { buttonsIn, expectWithinBlockKit, visibleText } from './support/block-kit.js';
import { TEST_NOW, testClock } from './support/clock.js';
import { KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { blockAction, messageEvent, messageShortcut, slackTs, slashCommand, triggerId, viewSubmission } from './support/payloads.js';
import { checkInput } from './support/real-check.js';
import { tempStorage } from './support/storage.js';

const BOT_USER = 'UBOT';
const ADMIN = 'UADMIN';

interface LogLine {
  level: number;
  msg?: string;
  [k: string]: unknown;
}

/** A Web API client that records the calls the listeners make (the only Slack they talk to directly). */
function recordingClient() {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const record =
    (method: string, result: Record<string, unknown> = {}) =>
    async (args: Record<string, unknown>) => {
      calls.push({ method, args });
      return { ok: true, ...result };
    };
  return {
    calls,
    client: {
      views: { publish: record('views.publish') },
      chat: {
        postEphemeral: record('chat.postEphemeral'),
        update: record('chat.update'),
        getPermalink: record('chat.getPermalink', { permalink: 'https://example.slack.com/archives/C1/p1' }),
      },
    },
  };
}

let t: { storage: Storage; close(): Promise<void> };
let inbox: SlackInbox;
let worked: InboxItem[];
let logs: LogLine[];
let deps: ListenerDeps;
/** What the durable queue holds under a key. */
const queued = (key: string) => t.storage.inbox.item(key);

beforeEach(async () => {
  t = await tempStorage({ clock: () => new Date(TEST_NOW) });
  worked = [];
  logs = [];
  const logger = createLogger('debug', { write: (l: string) => void logs.push(JSON.parse(l) as LogLine) });
  const clock = testClock();
  const work = async (item: InboxItem) => {
    worked.push(item);
    return { outcome: 'silent' as const };
  };
  inbox = new SlackInbox({ store: t.storage, logger, clock, handlers: { message: work, file: work, command: work, view: work, retract: work } });
  deps = { config: loadConfig({ ADMIN_USER_IDS: ADMIN }), store: t.storage, logger, clock, inbox };
});
afterEach(async () => {
  await inbox.drain();
  await t.close();
});

/** Bolt's arguments for a callback, from the payload Slack sends (only what the listener reads is filled in). */
function argsOf<F extends (args: never) => unknown>(_listener: F, args: Record<string, unknown>): Parameters<F>[0] {
  return args as unknown as Parameters<F>[0];
}

/** An ack that records what it was called with, and whether the work was already in the queue at that moment. */
function recordingAck(key?: string) {
  const acks: { args: unknown[]; queued: boolean | null }[] = [];
  const ack = async (...args: unknown[]) => {
    const held = key === undefined ? null : (await queued(key)) !== null;
    acks.push({ args, queued: held });
  };
  return { ack, acks };
}

describe('messages: logPasteMessage', () => {
  const listener = () => logPasteMessage(deps);
  const call = (body: ReturnType<typeof messageEvent>) => listener()(argsOf(listener(), { event: body.event, body, context: { botUserId: BOT_USER } }));

  it("a pasted log: one item keyed by channel and ts, kind message, with the text and the reader's language", async () => {
    const ts = slackTs();
    const body = messageEvent({ channel: 'C1', user: 'U1', ts, text: KB_CLIENT_EXAMPLE });
    await call(body);
    const key = `message:C1:${ts}`;
    expect(await queued(key)).toMatchObject({ key, kind: 'message', eventId: body.event_id });
    await inbox.idle();
    expect(worked.map((i) => i.key)).toEqual([key]);
    expect(worked[0]!.payload).toMatchObject({
      channel: 'C1',
      ts,
      replyThreadTs: ts,
      user: 'U1',
      lang: 'en',
      alwaysAnswer: false,
    } satisfies Partial<MessageWork>);
    expect((worked[0]!.payload as MessageWork).text).toContain('InternalServerError(5)');

    // Slack delivers it again (a retry, or a second process): the key is there, nothing new is queued or worked.
    await call(body);
    await inbox.idle();
    expect(worked).toHaveLength(1);
    expect((await queued(key))?.attempts).toBe(1);
  });

  it('a reader who chose Japanese gets Japanese for English text; Japanese text gets Japanese anyway', async () => {
    await t.storage.readers.choose('UJA', 'ja', TEST_NOW);
    const ts1 = slackTs();
    const ts2 = slackTs();
    await call(messageEvent({ channel: 'C1', user: 'UJA', ts: ts1, text: KB_CLIENT_EXAMPLE }));
    await call(messageEvent({ channel: 'C1', user: 'U1', ts: ts2, text: `このログを見てください\n${KB_CLIENT_EXAMPLE}` }));
    await inbox.idle();
    expect(worked.map((i) => (i.payload as MessageWork).lang)).toEqual(['ja', 'ja']);
  });

  it('an upload: kind file, the file referenced (not downloaded by the listener)', async () => {
    const ts = slackTs();
    await call(
      messageEvent({
        channel: 'D1',
        user: 'U1',
        ts,
        text: '',
        files: [{ id: 'F1', name: 'WindowsUpdate.log', size: 1234, mimetype: 'text/plain', url_private_download: 'https://files.slack.com/F1' }],
      }),
    );
    expect(await queued(`message:D1:${ts}`)).toMatchObject({ kind: 'file' });
    await inbox.idle();
    expect(worked[0]!.payload).toMatchObject({ alwaysAnswer: true, files: [{ id: 'F1', name: 'WindowsUpdate.log', url: 'https://files.slack.com/F1' }] });
  });

  it("nothing for a bot's message, the bot's own, a join, or an empty message", async () => {
    const tss = [slackTs(), slackTs(), slackTs(), slackTs(), slackTs()];
    await call(messageEvent({ channel: 'C1', ts: tss[0], text: KB_CLIENT_EXAMPLE, bot_id: 'B0OTHER' }));
    // Another app posting with its bot token: a user and a bot_id, and no subtype.
    const appPost = messageEvent({ channel: 'C1', ts: tss[1], text: KB_CLIENT_EXAMPLE, user: 'UOTHERBOT', bot_id: 'B0OTHER' });
    delete (appPost.event as { subtype?: string }).subtype;
    await call(appPost);
    await call(messageEvent({ channel: 'C1', ts: tss[2], text: KB_CLIENT_EXAMPLE, user: BOT_USER }));
    await call(messageEvent({ channel: 'C1', ts: tss[3], text: '<@U1> has joined the channel', subtype: 'channel_join' }));
    await call(messageEvent({ channel: 'C1', ts: tss[4], text: '   ' }));
    await inbox.idle();
    expect(worked).toEqual([]);
    for (const ts of tss) expect(await queued(`message:C1:${ts}`)).toBeNull();
  });

  it('an edit that changes the text: keyed by the edit; an unfurl (same text) is not an edit', async () => {
    const ts = slackTs();
    const edited = (text: string, before: string, editTs: string) =>
      messageEvent({
        channel: 'C1',
        ts: slackTs(),
        subtype: 'message_changed',
        message: { type: 'message', user: 'U1', text, ts, edited: { user: 'U1', ts: editTs } },
        previous_message: { type: 'message', user: 'U1', text: before, ts },
      });
    await call(edited(KB_CLIENT_EXAMPLE, 'wrong paste', '1764072222.000001'));
    await call(edited(KB_CLIENT_EXAMPLE, KB_CLIENT_EXAMPLE, '1764072333.000001'));
    await inbox.idle();
    expect(worked.map((i) => i.key)).toEqual([`edit:1764072222.000001:message:C1:${ts}`]);
    expect(worked[0]!.payload).toMatchObject({ edit: true, ts });
  });
});

describe('commands: kb954960Command', () => {
  it('writes the command to the queue, keyed by trigger_id, then acks with nothing (the answer goes to response_url)', async () => {
    const command = slashCommand({ text: 'server wsus01', user_id: 'U1', channel_id: 'C1' });
    const key = `command:${command.trigger_id}`;
    const { ack, acks } = recordingAck(key);
    const listener = kb954960Command(deps);
    await listener(argsOf(listener, { command, ack }));
    expect(acks).toEqual([{ args: [], queued: true }]); // written before the ack
    await inbox.idle();
    expect(worked).toHaveLength(1);
    expect(worked[0]).toMatchObject({
      key,
      kind: 'command',
      payload: { text: 'server wsus01', userId: 'U1', channelId: 'C1', teamId: 'T1', triggerId: command.trigger_id, responseUrl: command.response_url },
    });

    // Slack retries the request (same trigger_id): acked again, run once.
    await listener(argsOf(listener, { command, ack }));
    await inbox.idle();
    expect(acks).toHaveLength(2);
    expect(worked).toHaveLength(1);
  });
});

describe('events: appMention and appHomeOpened', () => {
  it('a mention is the same item as the message event of the same message: answered once, always', async () => {
    const ts = slackTs();
    const body = messageEvent({ channel: 'C1', user: 'U1', ts, text: `<@${BOT_USER}> is wsus01 fixed?` });
    const mention = { ...body.event, type: 'app_mention' };
    const listener = appMention(deps);
    await listener(argsOf(listener, { event: mention, body, context: { botUserId: BOT_USER } }));
    const paste = logPasteMessage(deps);
    await paste(argsOf(paste, { event: body.event, body, context: { botUserId: BOT_USER } }));
    await inbox.idle();
    expect(worked.map((i) => i.key)).toEqual([`message:C1:${ts}`]);
    expect(worked[0]!.payload).toMatchObject({ mentioned: true, alwaysAnswer: true });
    expect((worked[0]!.payload as MessageWork).text?.trim()).toBe('is wsus01 fixed?'); // the mention is for people, not part of a log
  });

  it("no item for a bot's mention", async () => {
    const ts = slackTs();
    const body = messageEvent({ channel: 'C1', ts, text: `<@${BOT_USER}> ${KB_CLIENT_EXAMPLE}`, bot_id: 'B0OTHER' });
    const listener = appMention(deps);
    await listener(argsOf(listener, { event: { ...body.event, type: 'app_mention' }, body, context: { botUserId: BOT_USER } }));
    await inbox.idle();
    expect(await queued(`message:C1:${ts}`)).toBeNull();
  });

  it('App Home: published for the user who opened it, in their language, from the store; the Messages tab is left alone', async () => {
    await checkInput(t.storage, KB_CLIENT_EXAMPLE, { lang: 'en', serverName: 'wsus01', channelId: 'C1', messageTs: '1764072000.000100' });
    await t.storage.readers.choose('UJA', 'ja', TEST_NOW);
    const { client, calls } = recordingClient();
    const listener = appHomeOpened(deps);
    await listener(argsOf(listener, { event: { type: 'app_home_opened', user: 'UJA', channel: 'DUJA', tab: 'home', event_ts: slackTs() }, client }));
    expect(calls).toEqual([]); // published after the ack, which never waits for a Web API round trip
    await listener(argsOf(listener, { event: { type: 'app_home_opened', user: 'UJA', channel: 'DUJA', tab: 'messages', event_ts: slackTs() }, client }));
    await inbox.idle();
    expect(calls.map((c) => c.method)).toEqual(['views.publish']);
    const { user_id, view } = calls[0]!.args as { user_id: string; view: types.HomeView };
    expect(user_id).toBe('UJA');
    expect(view.type).toBe('home');
    expectWithinBlockKit(view.blocks, 'view');
    expect(visibleText(view.blocks)).toContain(msg('ja').status.title);
    expect(visibleText(view.blocks)).toContain('wsus01');
    expect(worked).toEqual([]); // nothing queued: the next visit publishes it again
  });
});

describe('shortcuts: diagnoseShortcut', () => {
  it('queues the message it was run on, keyed by the trigger, always answered; acks after the write', async () => {
    const ts = slackTs();
    const trigger = triggerId();
    const shortcut = messageShortcut({ user: 'URUNNER', channel: 'C1', trigger_id: trigger, message: { ts, user: 'UAUTHOR', text: KB_CLIENT_EXAMPLE } });
    const key = `shortcut:${trigger}:message:C1:${ts}`;
    const { ack, acks } = recordingAck(key);
    const listener = diagnoseShortcut(deps);
    await listener(argsOf(listener, { shortcut, ack }));
    expect(acks).toEqual([{ args: [], queued: true }]);
    await inbox.idle();
    expect(worked).toHaveLength(1);
    expect(worked[0]).toMatchObject({ key, kind: 'message', payload: { channel: 'C1', ts, user: 'URUNNER', alwaysAnswer: true } });

    // Run again on the same message: a new request (new trigger), not a redelivery.
    const again = messageShortcut({ user: 'URUNNER', channel: 'C1', message: { ts, user: 'UAUTHOR', text: KB_CLIENT_EXAMPLE } });
    await listener(argsOf(listener, { shortcut: again, ack }));
    await inbox.idle();
    expect(worked).toHaveLength(2);
  });
});

describe('views: checkModalSubmission', () => {
  /** state.values as Slack sends them for the form checkModal() builds, filled in. */
  function submit(fill: { log?: string; server?: string; lang?: string }, formLang: 'en' | 'ja' = 'en') {
    const form = checkModal(formLang, 'C0CHANNEL', 1000);
    const values: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const b of form.blocks.filter((x): x is types.InputBlock => x.type === 'input')) {
      const id = b.block_id!;
      const el = b.element as { action_id: string; type: string };
      const v = id === 'log' ? fill.log : id === 'server' ? fill.server : fill.lang;
      values[id] = {
        [el.action_id]: el.type === 'static_select' ? { type: el.type, selected_option: v ? { value: v } : null } : { type: el.type, value: v ?? null },
      };
    }
    return viewSubmission({ user: 'U1', callback_id: form.callback_id, private_metadata: form.private_metadata, values });
  }
  const call = async (payload: ReturnType<typeof viewSubmission>) => {
    const view = payload.view as { id: string };
    const { ack, acks } = recordingAck(`view:${view.id}`);
    const listener = checkModalSubmission(deps);
    await listener(argsOf(listener, { view: payload.view, body: payload, ack }));
    await inbox.idle();
    return { acks, key: `view:${view.id}` };
  };

  it('a valid form is queued, keyed by the view, with the channel it was opened in; then acked with nothing', async () => {
    const { acks, key } = await call(submit({ log: KB_CLIENT_EXAMPLE, server: 'wsus01', lang: 'en' }));
    expect(acks).toEqual([{ args: [], queued: true }]);
    expect(worked).toHaveLength(1);
    expect(worked[0]).toMatchObject({ key, kind: 'view', payload: { userId: 'U1', server: 'wsus01', channelId: 'C0CHANNEL' } });
    expect((worked[0]!.payload as { text: string; lang?: string }).text).toContain('InternalServerError(5)');
    expect((worked[0]!.payload as { lang?: string }).lang).toBeUndefined(); // left as the form opened: the text decides
    await call(submit({ log: KB_CLIENT_EXAMPLE, lang: 'ja' }));
    expect(worked[1]!.payload).toMatchObject({ lang: 'ja' }); // changed in the form: forces the reply's language
  });

  it("no log or a bad server name: the form shows the error in the reader's language, nothing is queued", async () => {
    const empty = await call(submit({ log: '   ' }));
    expect(empty.acks).toEqual([{ args: [{ response_action: 'errors', errors: { log: msg('en').modal.noLog } }], queued: false }]);
    await t.storage.readers.choose('U1', 'ja', TEST_NOW);
    const bad = await call(submit({ log: KB_CLIENT_EXAMPLE, server: 'not a host!' }, 'ja'));
    expect(bad.acks).toEqual([{ args: [{ response_action: 'errors', errors: { server: msg('ja').modal.badServer } }], queued: false }]);
    expect(worked).toEqual([]);
  });
});

describe('actions: answerBlockAction', () => {
  const listener = () => answerBlockAction({ logger: deps.logger, afterAck: inbox, store: t.storage, config: deps.config, clock: deps.clock });
  /** Bolt's arguments for a click on `element` in `blocks` of a bot message in C1. */
  function click(element: types.Button, blocks: types.KnownBlock[], user: string, messageTs = slackTs()) {
    const body = blockAction({
      action_id: element.action_id!,
      element: element as unknown as Record<string, unknown>,
      user,
      container: { type: 'message', channel: 'C1', message_ts: messageTs, blocks },
    });
    (body.message as { text?: string }).text = 'KB954960';
    const responses: Record<string, unknown>[] = [];
    const { client, calls } = recordingClient();
    const events: string[] = [];
    const args = {
      ack: async () => void events.push('ack'),
      next: async () => undefined,
      action: (body.actions as unknown[])[0],
      body,
      client,
      respond: async (r: Record<string, unknown>) => {
        events.push('respond');
        responses.push(r);
      },
    };
    return { args: argsOf(listener(), args), events, responses, calls };
  }
  const buttonIn = (blocks: types.KnownBlock[], id: string) => buttonsIn(blocks).find((b) => b.element.action_id === id)!.element as unknown as types.Button;

  it('"Show N more lines": acked at once, then the rest of the stored evidence to the clicker only', async () => {
    const r = await checkInput(t.storage, Array.from({ length: 8 }, () => KB_CLIENT_EXAMPLE).join('\n'), { lang: 'en', serverName: 'wsus01' });
    const reply = renderDiagnosisBlocks(r.diagnosis, { diagnosisId: r.diagnosisId });
    const c = click(buttonIn(reply.blocks, ACTION_IDS.moreEvidence), reply.blocks, 'U1');
    await listener()(c.args);
    expect(c.events).toEqual(['ack']); // the answer waits for nothing
    await inbox.idle();
    expect(c.events).toEqual(['ack', 'respond']);
    expect(c.responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const rest = r.diagnosis.evidence.slice(REPLY_BUDGET.evidenceShown);
    const text = visibleText(c.responses[0]!.blocks as types.KnownBlock[]);
    for (const f of rest) expect(text).toContain(`${String(f.line).padStart(6)}: `);
    expect(worked).toEqual([]); // a click is not queued work
  });

  it('"Record for …": an admin records the pasted facts for that server; anyone else is told only admins can', async () => {
    const r = await checkInput(t.storage, 'Microsoft.UpdateServices.WebServices.Client.dll 3.1.6001.66', {
      lang: 'en',
      channelId: 'C1',
      messageTs: '1764072000.000100',
    });
    expect(r.diagnosis.server).toBeNull();
    const reply = withAskServer(
      renderDiagnosisBlocks(r.diagnosis, { diagnosisId: r.diagnosisId }),
      askServerBlocks(r.diagnosisId!, { dllVersion: '3.1.6001.66' }, ['wsus01', 'wsus02'], 'en'),
      'en',
    );
    const button = buttonIn(reply.blocks, RECORD_FOR_ACTION_IDS[1]);

    const nobody = click(button, reply.blocks, 'UNOBODY');
    await listener()(nobody.args);
    await inbox.idle();
    expect(nobody.events).toEqual(['ack']);
    expect(nobody.calls).toEqual([{ method: 'chat.postEphemeral', args: expect.objectContaining({ channel: 'C1', user: 'UNOBODY' }) }]);
    expect(await t.storage.servers.facts('wsus02')).toBeNull();

    const admin = click(button, reply.blocks, ADMIN);
    await listener()(admin.args);
    await inbox.idle();
    expect(await t.storage.servers.facts('wsus02')).toMatchObject({ dllVersion: '3.1.6001.66' });
    const update = admin.calls.find((c) => c.method === 'chat.update')!;
    expect(update.args).toMatchObject({ channel: 'C1' });
    expect(visibleText(update.args.blocks as types.KnownBlock[])).toContain(`<@${ADMIN}>`);
    expect(JSON.stringify(update.args.blocks)).not.toContain(RECORD_FOR_ACTION_IDS[0]); // the question and its buttons are replaced
  });

  it('an id the bot does not know: acked, logged at warn, nothing else', async () => {
    const c = click({ type: 'button', action_id: 'kb954960_from_the_future', text: { type: 'plain_text', text: 'x' } }, [], 'U1');
    await listener()(c.args);
    await inbox.idle();
    expect(c.events).toEqual(['ack']);
    expect(c.calls).toEqual([]);
    expect(logs.some((l) => l.level === 40 && l.actionId === 'kb954960_from_the_future')).toBe(true);
  });
});
