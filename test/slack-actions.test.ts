// e2e: every button the bot posts is answered. Slack sends `block_actions` for every click, link buttons included;
// without a listener Bolt answers 404 after 3 s and Slack shows the user an error. Each message kind is produced
// through the real app, the buttons are read from what the fake Slack recorded, and each is clicked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pump } from '../src/slack/queue/pump.js';
import { answerBlockAction, type ActionHandler, type BlockActionArgs } from '../src/slack/listeners/actions/block-actions.js';
import { createLogger } from '../src/log.js';
import { SIGNING_SECRET, startTestBot, type LogLine, type TestBot } from './support/bot.js';
import { TEST_NOW } from './support/clock.js';
import { buttonsIn as postedButtons, type PostedButton } from './support/block-kit.js';
import { KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import {
  appHomeOpened,
  blockAction,
  messageEvent,
  postEvent,
  postInteraction,
  postSlashCommand,
  slackTs,
  slashCommand,
  type ActionContainer,
  type RecordedCall,
} from './support/index.js';
import { recordAffected, subscribe } from './support/status-fixtures.js';

const WARN = 40;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface Button extends PostedButton {
  kind: string;
  container: ActionContainer;
}

/** Every button anywhere in a message or view, with the message kind and where Slack says it was clicked. */
function buttonsIn(kind: string, blocks: unknown, container: ActionContainer): Button[] {
  return postedButtons(blocks).map((b) => ({ kind, ...b, container }));
}

describe('block_actions: every button the bot posts is acknowledged (HTTP mode)', () => {
  let t: TestBot;
  /** The message kinds, each as the fake Slack recorded it. */
  const kinds = new Map<string, Button[]>();

  const slash = async (text: string): Promise<RecordedCall> => {
    const responseUrl = t.fake.responseUrl();
    const res = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, channel_id: 'CSLASH', response_url: responseUrl }));
    expect(res.status).toBe(200);
    return t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
  };
  const ephemeral = (call: RecordedCall): ActionContainer => ({ type: 'message', channel: 'CSLASH', is_ephemeral: true, blocks: call.body.blocks });

  beforeAll(async () => {
    // The bot runs at TEST_NOW, 21:00 in Tokyo: a channel subscribed the day before for 09:00 is due, and the
    // scheduler's first run (at start) posts today's status there. An affected server an hour earlier makes it the
    // full post (a quiet day is one line without buttons).
    t = await startTestBot({
      beforeStart: async (storage) => {
        await recordAffected(storage, 'wsusdaily', new Date(Date.parse(TEST_NOW) - HOUR_MS).toISOString());
        await subscribe(storage, 'CDAILY', '09:00', 'Asia/Tokyo', new Date(Date.parse(TEST_NOW) - DAY_MS).toISOString());
      },
    });

    const daily = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CDAILY');
    kinds.set(
      'daily status post',
      buttonsIn('daily status post', daily.body.blocks, { type: 'message', channel: 'CDAILY', message_ts: slackTs(), blocks: daily.body.blocks }),
    );

    const ts = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CDIAG', ts, text: KB_CLIENT_EXAMPLE }));
    const diagnosis = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CDIAG');
    kinds.set(
      'diagnosis reply',
      buttonsIn('diagnosis reply', diagnosis.body.blocks, { type: 'message', channel: 'CDIAG', message_ts: slackTs(), blocks: diagnosis.body.blocks }),
    );
    await t.idle();

    for (const command of ['status', 'server wsusebc', 'history', 'help']) {
      const call = await slash(command);
      kinds.set(`/kb954960 ${command}`, buttonsIn(`/kb954960 ${command}`, call.body.blocks, ephemeral(call)));
    }

    await postEvent(t.events, SIGNING_SECRET, appHomeOpened({ user: 'UHOME' }));
    const home = await t.fake.waitFor('views.publish', (c) => c.body.user_id === 'UHOME');
    const view = home.body.view as { blocks: unknown[] };
    kinds.set('App Home', buttonsIn('App Home', view.blocks, { type: 'view', view_type: 'home', blocks: view.blocks }));

    // `/kb954960` alone opens the check modal: its elements are inputs, but any button added to it is clicked too.
    await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text: '', channel_id: 'CSLASH' }));
    const modal = await t.fake.waitFor('views.open');
    const modalView = modal.body.view as { blocks: unknown[] };
    kinds.set('check modal', buttonsIn('check modal', modalView.blocks, { type: 'view', view_type: 'modal', blocks: modalView.blocks }));
  }, 30_000);

  afterAll(async () => {
    await t?.close();
  });

  it('found the buttons of the messages that carry the KB links', () => {
    // The message kinds that show the download/KB/advisory links must have yielded buttons to click below.
    for (const kind of ['daily status post', 'diagnosis reply', '/kb954960 status', '/kb954960 help', 'App Home']) {
      expect(kinds.get(kind)?.length, kind).toBeGreaterThan(0);
    }
  });

  it('answers a click on every button of every message kind with 200, well within 3 s', async () => {
    const buttons = [...kinds.values()].flat();
    const results: { kind: string; actionId: string; status: number; ms: number }[] = [];
    for (const b of buttons) {
      const { action_id, ...element } = b.element;
      const payload = blockAction({ action_id, block_id: b.blockId, element, container: b.container, user: 'UCLICK' });
      const res = await postInteraction(t.events, SIGNING_SECRET, payload);
      results.push({ kind: b.kind, actionId: action_id, status: res.status, ms: res.ms });
    }
    for (const r of results) {
      expect(r.status, `${r.kind}: ${r.actionId}`).toBe(200);
      expect(r.ms, `${r.kind}: ${r.actionId}`).toBeLessThan(1000);
    }
    // No known button is reported as unknown.
    const unknown = t.logs.filter((l) => l.level === WARN && buttons.some((b) => b.element.action_id === l.actionId));
    expect(unknown).toEqual([]);
  });

  it('answers an action id it does not know with 200 and a warning that names it', async () => {
    const before = t.logs.length;
    const res = await postInteraction(
      t.events,
      SIGNING_SECRET,
      blockAction({ action_id: 'kb954960_from_a_future_version', element: { text: { type: 'plain_text', text: 'New' }, value: 'x' } }),
    );
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    const warned = t.logs.slice(before).filter((l: LogLine) => l.level === WARN);
    expect(warned).toHaveLength(1);
    expect(warned[0]!.actionId).toBe('kb954960_from_a_future_version');
  });
});

describe('block_actions in Socket Mode', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ socketMode: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('acks the envelope of a link button click and of an unknown action id', async () => {
    const help = await t.fake.socket!.sendSlashCommand(slashCommand({ text: 'help', response_url: t.fake.responseUrl() }));
    await t.fake.socket!.waitForAck(help);
    const reply = await t.fake.waitFor('response_url');
    const [button] = buttonsIn('help', reply.body.blocks, { type: 'message', is_ephemeral: true });
    expect(button).toBeDefined();
    const { action_id, ...element } = button!.element;
    const clicked = await t.fake.socket!.sendInteractive(blockAction({ action_id, block_id: button!.blockId, element, container: button!.container }));
    expect((await t.fake.socket!.waitForAck(clicked, 1000)).envelope_id).toBe(clicked);

    const unknown = await t.fake.socket!.sendInteractive(blockAction({ action_id: 'kb954960_unknown_socket' }));
    expect((await t.fake.socket!.waitForAck(unknown, 1000)).envelope_id).toBe(unknown);
    expect(t.logs.some((l) => l.level === WARN && l.actionId === 'kb954960_unknown_socket')).toBe(true);
  });
});

describe('answerBlockAction: a handler table behind one ack', () => {
  function harness(handlers: Record<string, ActionHandler>) {
    const lines: LogLine[] = [];
    const logger = createLogger('debug', { write: (l: string) => void lines.push(JSON.parse(l) as LogLine) });
    const background = new Pump(logger);
    const events: string[] = [];
    const args = (actionId: string) =>
      ({
        ack: async () => void events.push('ack'),
        next: async () => undefined,
        action: { type: 'button', action_id: actionId, block_id: 'b1', action_ts: '1.1', text: { type: 'plain_text', text: 'x' } },
        body: {
          type: 'block_actions',
          user: { id: 'U1', username: 'u' },
          actions: [],
          team: null,
          token: '',
          response_url: '',
          trigger_id: '',
          api_app_id: '',
          container: {},
        },
      }) as unknown as BlockActionArgs;
    return {
      listener: answerBlockAction({ logger, afterAck: { runAfterAck: (what, fn) => background.run(what, fn) } }, handlers),
      background,
      events,
      lines,
      args,
    };
  }

  it("acks once, then runs the id's handler after the ack, without handing it ack", async () => {
    const h = harness({
      record_server: async (a) => {
        h.events.push(`handler ${a.action.action_id} ack=${'ack' in a}`);
      },
    });
    await h.listener(h.args('record_server'));
    expect(h.events).toEqual(['ack']); // the handler has not run yet: Slack's answer does not wait for it
    await h.background.drain();
    expect(h.events).toEqual(['ack', 'handler record_server ack=false']);
  });

  it('a failing handler is logged, not thrown back into the ack', async () => {
    const h = harness({ broken: async () => Promise.reject(new Error('boom')) });
    await expect(h.listener(h.args('broken'))).resolves.toBeUndefined();
    await h.background.drain();
    expect(h.events).toEqual(['ack']);
    expect(h.lines.some((l) => l.level === 50 && l.what === 'action broken')).toBe(true);
  });

  it('an inherited property name is not a handler', async () => {
    const h = harness({});
    await h.listener(h.args('constructor'));
    await h.background.drain();
    expect(h.events).toEqual(['ack']);
    expect(h.lines.some((l) => l.level === WARN && l.actionId === 'constructor')).toBe(true);
  });
});
