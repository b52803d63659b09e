import { formatLocal } from '../fleet/post-time.js';

export type SlackDateFormat = '{date_short_pretty} {time}' | '{date_short_pretty}';

/**
 * `<!date^…>`: Slack shows it in each reader's own time zone. The fallback (shown where tokens are not rendered, e.g.
 * notifications) is the time in `tz` (UTC unless the caller knows the channel's zone).
 */
export function slackDate(iso: string, format: SlackDateFormat = '{date_short_pretty} {time}', tz = 'UTC'): string {
  const unix = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(unix)) return iso;
  const local = formatLocal(iso, tz);
  return `<!date^${unix}^${format}|${format === '{date_short_pretty}' ? local.slice(0, 10) : local}>`;
}
