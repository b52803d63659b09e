import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig: the environment, checked without a schema library', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      slack: { apiUrl: 'https://slack.com/api/' },
      port: 3000,
      host: '0.0.0.0',
      databasePath: './data/kb954960.db',
      lang: 'en',
      statusTime: '09:00',
      statusTimeZone: 'Asia/Tokyo',
      adminUserIds: [],
      maxFileBytes: 104_857_600,
      historyDays: 365,
      logLevel: 'info',
    });
  });

  it('reads set values, trimmed, and treats an empty one as unset', () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: ' xoxb-1 ',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      PORT: '0',
      HOST: '',
      BOT_LANG: 'ja',
      STATUS_TIME: '23:59',
      STATUS_TIMEZONE: 'Europe/Berlin',
      ADMIN_USER_IDS: 'U01, W02 U03',
      MAX_FILE_BYTES: '2147483648',
      LOG_LEVEL: 'silent',
      KB954960_NOW: '2026-01-15T09:00:00Z',
    });
    expect(c.slack.botToken).toBe('xoxb-1');
    expect(c.slack.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect([c.port, c.host, c.lang, c.statusTime, c.statusTimeZone]).toEqual([0, '0.0.0.0', 'ja', '23:59', 'Europe/Berlin']);
    expect(c.adminUserIds).toEqual(['U01', 'W02', 'U03']);
    expect(c.maxFileBytes).toBe(2 ** 31);
    expect(c.logLevel).toBe('silent');
    expect(c.clock().toISOString().slice(0, 16)).toBe('2026-01-15T09:00');
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /^SLACK_BOT_TOKEN: must start with xoxb-$/],
    ['SLACK_APP_TOKEN', 'xoxb-wrong', /^SLACK_APP_TOKEN: must start with xapp-$/],
    ['SLACK_API_URL', 'ftp://slack.com/api/', /^SLACK_API_URL: must be an http\(s\) URL/],
    ['SLACK_API_URL', 'not a url', /^SLACK_API_URL: must be an http\(s\) URL/],
    ['PORT', '65536', /^PORT: must be a whole number from 0 to 65535/],
    ['PORT', '80.5', /^PORT: must be a whole number/],
    ['BOT_LANG', 'fr', /^BOT_LANG: must be en or ja$/],
    ['STATUS_TIME', '24:00', /^STATUS_TIME: must be HH:MM/],
    ['STATUS_TIMEZONE', 'Mars/Olympus', /^STATUS_TIMEZONE: must be an IANA time zone/],
    ['ADMIN_USER_IDS', 'U01,alice', /^ADMIN_USER_IDS: must be Slack user IDs/],
    ['MAX_FILE_BYTES', '0', /^MAX_FILE_BYTES: must be a whole number from 1/],
    ['MAX_FILE_BYTES', '2147483649', /^MAX_FILE_BYTES: must be at most 2147483648$/],
    ['HISTORY_DAYS', 'forever', /^HISTORY_DAYS: must be a whole number from 1 to 36500/],
    ['LOG_LEVEL', 'verbose', /^LOG_LEVEL: must be one of fatal, error/],
    ['KB954960_NOW', 'yesterday', /^KB954960_NOW: must be an ISO date-time/],
  ])('refuses %s=%s in one line naming the variable', (name, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
  });

  it('never echoes a secret in its complaint', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'hunter2-secret' })).toThrow(/^(?!.*hunter2)/s);
  });
});
