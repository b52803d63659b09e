import type { webApi } from '@slack/bolt';
import type { Storage } from '../store/port.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { SlackInbox } from './inbox.js';
import type { AckGate } from './queue/ack-gate.js';
import { commandWorker } from './work/command.js';
import { messageWorker } from './work/message.js';
import { retractWorker } from './work/retract.js';
import { submissionWorker } from './work/submission.js';

export interface InboxDeps {
  readonly config: Config;
  readonly store: Storage;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly onSubscriptionsChanged: () => void;
  readonly retry?: { readonly attempts: number; readonly baseMs: number };
  readonly id: string;
  readonly ackGate?: AckGate;
  readonly metrics?: Metrics;
}

/** The inbox with a worker for each kind of Slack work. */
export function createInbox(d: InboxDeps): SlackInbox {
  const { config, store, client, clock } = d;
  const apiHost = new URL(config.slack.apiUrl).host;
  const message = messageWorker({
    store,
    client,
    clock,
    apiHost,
    botToken: config.slack.botToken!,
    maxBytes: config.maxFileBytes,
    adminUserIds: config.adminUserIds,
    metrics: d.metrics,
  });
  return new SlackInbox({
    store,
    clock,
    logger: d.logger,
    retry: d.retry,
    id: d.id,
    ackGate: d.ackGate,
    metrics: d.metrics,
    handlers: {
      message,
      file: message,
      command: commandWorker({ store, client, clock, apiHost, config, onSubscriptionsChanged: d.onSubscriptionsChanged }),
      view: submissionWorker({ store, client, clock, config }),
      retract: retractWorker({ store, client }),
    },
  });
}
