/**
 * What `GET /metrics` shows (Prometheus's text format, through prom-client): one registry per running bot. Labels are
 * bounded sets the code names (transport, HTTP status, Slack method and error code, kind and outcome of work), never
 * a server name, a user or channel ID, or text from a log or message.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The work queue as this process sees it: items accepted or resumed and not yet finished. */
export interface Backlog {
  readonly depth: number;
  /** Age of the oldest of them, in seconds (0 when none). */
  readonly oldestSeconds: number;
}

/** Seconds buckets for what Slack waits on (its limit is 3 s) and for replies and scans (up to minutes). */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5];
const WORK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** A Slack error code as a label: Slack's own snake_case words; anything else (a message, a URL) is 'other'. */
export function errorLabel(code: unknown): string {
  return typeof code === 'string' && /^[a-z][a-z0-9_]{0,59}$/.test(code) ? code : 'other';
}

export class Metrics {
  readonly registry = new Registry();
  private backlog: () => Backlog = () => ({ depth: 0, oldestSeconds: 0 });

  readonly slackRequests = new Counter({
    name: 'kb954960_slack_requests_total',
    help: 'Requests and Socket Mode envelopes from Slack, by transport and the HTTP status answered (socket: "ack", or "none" when left unacked for redelivery)',
    labelNames: ['transport', 'status'] as const,
    registers: [this.registry],
  });
  readonly slackAck = new Histogram({
    name: 'kb954960_slack_ack_seconds',
    help: 'From a Slack request arriving to its answer (the work written to the queue); Slack gives up after 3 s',
    labelNames: ['transport'] as const,
    buckets: ACK_BUCKETS,
    registers: [this.registry],
  });
  readonly reply = new Histogram({
    name: 'kb954960_reply_seconds',
    help: 'From a piece of Slack work being queued (or resumed) to its end, by kind of work and outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: WORK_BUCKETS,
    registers: [this.registry],
  });
  readonly scans = new Counter({ name: 'kb954960_scans_total', help: 'Logs and pastes scanned from Slack', registers: [this.registry] });
  readonly scanBytes = new Counter({ name: 'kb954960_scan_bytes_total', help: 'Bytes of log scanned from Slack', registers: [this.registry] });
  readonly scanSeconds = new Histogram({
    name: 'kb954960_scan_seconds',
    help: 'Time to scan and diagnose one paste or set of files (download excluded)',
    buckets: WORK_BUCKETS,
    registers: [this.registry],
  });
  readonly apiRequests = new Counter({
    name: 'kb954960_slack_api_requests_total',
    help: 'HTTP requests to the Slack Web API, by method (a retry is a request too)',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  readonly apiErrors = new Counter({
    name: 'kb954960_slack_api_errors_total',
    help: "Slack Web API requests that failed, by method and error: Slack's error code, ratelimited, http_<status> or network",
    labelNames: ['method', 'error'] as const,
    registers: [this.registry],
  });
  readonly apiRetries = new Counter({
    name: 'kb954960_slack_api_retries_total',
    help: 'Slack Web API requests sent again (a transient failure, or a 429 after its Retry-After), by method',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  readonly statusPosts = new Counter({ name: 'kb954960_status_posts_total', help: 'Daily status posts sent', registers: [this.registry] });
  readonly fleetReports = new Counter({
    name: 'kb954960_fleet_reports_total',
    help: 'Fleet reports received by the report listener, accepted or refused',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor() {
    const self = this;
    new Gauge({
      name: 'kb954960_work_queue_depth',
      help: 'Slack work queued or in progress in this process',
      registers: [this.registry],
      collect() {
        this.set(self.backlog().depth);
      },
    });
    new Gauge({
      name: 'kb954960_work_queue_oldest_seconds',
      help: 'Age of the oldest Slack work queued or in progress in this process (0 when none)',
      registers: [this.registry],
      collect() {
        this.set(self.backlog().oldestSeconds);
      },
    });
    // Zero from the start, so a rate() or an alert sees the series before the first event.
    for (const result of ['accepted', 'refused']) this.fleetReports.inc({ result }, 0);
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the queue's depth and oldest age come from (the inbox, once built). */
  watchQueue(backlog: () => Backlog): void {
    this.backlog = backlog;
  }

  queue(): Backlog {
    return this.backlog();
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
