// Builders for the payloads Slack sends to an app. The same objects serve HTTP mode (sign.ts posts them)
// and Socket Mode (fake-socket-mode.ts wraps them in envelopes).
import { randomBytes } from 'node:crypto';

let seq = 0;
const next = () => ++seq;
const rand = (n: number) => randomBytes(n).toString('hex').toUpperCase().slice(0, n);

/** a Slack-looking ts, increasing within the process: "1712345678.000042" */
export function slackTs(): string {
  const n = next();
  return `${Math.floor(Date.now() / 1000)}.${String(n % 1_000_000).padStart(6, '0')}`;
}
export const uniqueEventId = () => `Ev${rand(8)}${next()}`;
export const triggerId = () => `${next()}.${Date.now()}.${rand(16).toLowerCase()}`;

export interface EventCallbackBody<E = Record<string, unknown>> {
  token: string;
  team_id: string;
  api_app_id: string;
  event: E;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: Array<{ enterprise_id: null; team_id: string; user_id: string; is_bot: boolean; is_enterprise_install: boolean }>;
  is_ext_shared_channel: boolean;
  event_context: string;
}

/** wraps any event in an `event_callback` envelope with a unique event_id */
export function eventCallback<E extends Record<string, unknown>>(
  event: E,
  opts: { team_id?: string; event_id?: string; event_time?: number; api_app_id?: string } = {},
): EventCallbackBody<E> {
  const team_id = opts.team_id ?? 'T1';
  return {
    token: 'legacy-verification-token',
    team_id,
    api_app_id: opts.api_app_id ?? 'A1',
    event,
    type: 'event_callback',
    event_id: opts.event_id ?? uniqueEventId(),
    event_time: opts.event_time ?? Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${rand(24)}`,
  };
}

export interface MessageEventInput {
  channel?: string;
  user?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  /** 'channel' | 'group' | 'im' | 'mpim'; default: 'im' when channel starts with D, else 'channel' */
  channel_type?: string;
  bot_id?: string;
  subtype?: string;
  /** Slack file objects (e.g. from fake.fileHost.addFile()); subtype defaults to 'file_share' when given */
  files?: unknown[];
  team?: string;
  event_id?: string;
  [k: string]: unknown;
}

/** a `message` event in an event_callback envelope */
export function messageEvent(input: MessageEventInput = {}): EventCallbackBody {
  const { channel = 'C1', user = 'U1', text = '', ts = slackTs(), team = 'T1', event_id, files, channel_type: ct, ...rest } = input;
  const channel_type = ct ?? (channel.startsWith('D') ? 'im' : 'channel');
  const event: Record<string, unknown> = {
    type: 'message',
    channel,
    user,
    text,
    ts,
    event_ts: ts,
    team,
    channel_type,
    ...(files ? { files, upload: false, display_as_bot: false, subtype: 'file_share' } : {}),
    ...rest,
  };
  if (input.bot_id !== undefined) {
    event.bot_id = input.bot_id;
    event.subtype ??= 'bot_message';
  }
  for (const k of Object.keys(event)) if (event[k] === undefined) delete event[k];
  return eventCallback(event, { team_id: team, event_id });
}

/** an `app_home_opened` event in an event_callback envelope */
export function appHomeOpened(input: { user?: string; tab?: 'home' | 'messages'; channel?: string; team?: string } = {}): EventCallbackBody {
  const user = input.user ?? 'U1';
  return eventCallback(
    {
      type: 'app_home_opened',
      user,
      channel: input.channel ?? `D${user}`,
      tab: input.tab ?? 'home',
      event_ts: slackTs(),
    },
    { team_id: input.team ?? 'T1' },
  );
}

/** slash command fields (HTTP: form-encoded; Socket Mode: the envelope payload) */
export function slashCommand(fields: Partial<Record<string, string>> & { response_url?: string } = {}): Record<string, string> {
  const out: Record<string, string> = {
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'example',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'user',
    command: '/kb954960',
    text: '',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T1/1/xyz',
    trigger_id: triggerId(),
  };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

const userOf = (id: string) => ({ id, username: 'user', name: 'user', team_id: 'T1' });
const teamOf = (id: string) => ({ id, domain: 'example' });

/** a message shortcut (`message_action`) interaction payload */
export function messageShortcut(
  input: {
    callback_id?: string;
    user?: string;
    channel?: string;
    message?: { text?: string; ts?: string; user?: string; thread_ts?: string; files?: unknown[]; [k: string]: unknown };
    response_url?: string;
    trigger_id?: string;
  } = {},
): Record<string, unknown> {
  const ts = input.message?.ts ?? slackTs();
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: slackTs(),
    team: teamOf('T1'),
    user: userOf(input.user ?? 'U1'),
    channel: { id: input.channel ?? 'C1', name: 'general' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callback_id ?? 'diagnose',
    trigger_id: input.trigger_id ?? triggerId(),
    response_url: input.response_url ?? 'https://hooks.slack.com/app/T1/1/xyz',
    message_ts: ts,
    message: { type: 'message', user: 'U2', text: '', ...input.message, ts },
  };
}

/** a `view_submission` payload; `values` is state.values: {block_id: {action_id: {type, value}}} */
export function viewSubmission(
  input: {
    callback_id?: string;
    user?: string;
    values?: Record<string, Record<string, Record<string, unknown>>>;
    private_metadata?: string;
    view_id?: string;
    response_urls?: Array<{ block_id: string; action_id: string; channel_id: string; response_url: string }>;
  } = {},
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: teamOf('T1'),
    user: userOf(input.user ?? 'U1'),
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    is_enterprise_install: false,
    enterprise: null,
    view: {
      id: input.view_id ?? `V${next()}`,
      team_id: 'T1',
      type: 'modal',
      callback_id: input.callback_id ?? 'check_modal',
      private_metadata: input.private_metadata ?? '',
      state: { values: input.values ?? {} },
      hash: `${Date.now()}.${rand(8)}`,
      app_id: 'A1',
      bot_id: 'BBOT',
      blocks: [],
    },
    response_urls: input.response_urls ?? [],
  };
}

/** Where the clicked element sits: a message (ephemeral for slash command replies) or a view (App Home, a modal). */
export type ActionContainer =
  | { type: 'message'; channel?: string; message_ts?: string; is_ephemeral?: boolean; blocks?: unknown[]; text?: string }
  | { type: 'view'; view_type?: 'home' | 'modal'; view_id?: string; blocks?: unknown[] };

/**
 * a `block_actions` payload for one click, shaped as Slack sends it: `actions[0]` is the element as it was posted
 * (for a button: text, url, value, style) plus action_id, block_id and action_ts; a message click carries channel,
 * message and response_url, a view click the view and no channel.
 */
export function blockAction(input: {
  action_id: string;
  block_id?: string;
  /** the element as the app posted it, e.g. a button from the recorded blocks (default: a bare button) */
  element?: Record<string, unknown>;
  user?: string;
  /** default: a message in C1 */
  container?: ActionContainer;
  response_url?: string;
}): Record<string, unknown> {
  const c = input.container ?? { type: 'message' };
  const where =
    c.type === 'view'
      ? (() => {
          const id = c.view_id ?? `V${next()}`;
          const view = {
            id,
            team_id: 'T1',
            type: c.view_type ?? 'home',
            blocks: c.blocks ?? [],
            private_metadata: '',
            callback_id: '',
            state: { values: {} },
            hash: `${Date.now()}.${rand(8)}`,
            app_id: 'A1',
            bot_id: 'BBOT',
          };
          return { container: { type: 'view', view_id: id }, view };
        })()
      : (() => {
          const channel = c.channel ?? 'C1';
          const ts = c.message_ts ?? slackTs();
          return {
            container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: c.is_ephemeral ?? false },
            channel: { id: channel, name: 'general' },
            // Slack sends the message back for a normal post, not for an ephemeral one.
            ...(c.is_ephemeral ? {} : { message: { type: 'message', ts, bot_id: 'BBOT', text: c.text ?? '', blocks: c.blocks ?? [] } }),
            response_url: input.response_url ?? 'https://hooks.slack.com/actions/T1/1/xyz',
          };
        })();
  return {
    type: 'block_actions',
    team: teamOf('T1'),
    user: userOf(input.user ?? 'U1'),
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    is_enterprise_install: false,
    enterprise: null,
    ...where,
    state: { values: {} },
    actions: [{ type: 'button', ...input.element, action_id: input.action_id, block_id: input.block_id ?? rand(5), action_ts: slackTs() }],
  };
}
