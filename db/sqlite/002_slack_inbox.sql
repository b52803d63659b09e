-- Slack delivers at least once and Bolt does not de-duplicate. Every message/file the bot must answer is written
-- here (with the payload it needs) before Slack gets its ack, and worked off from here: a redelivery finds its key
-- and is ignored, and work a crash interrupted is resumed at the next start.
CREATE TABLE slack_inbox (
  key          TEXT PRIMARY KEY,        -- 'message:<channel>:<ts>' or 'file:<channel>:<ts>:<file id>'
  event_id     TEXT,                    -- Slack's event_id, for the log
  kind         TEXT NOT NULL,           -- message | file
  payload      TEXT NOT NULL,           -- JSON: what the worker needs (channel, ts, thread, text or file, lang)
  received_at  TEXT NOT NULL,
  taken_by     TEXT,                    -- host:pid:start of the process working on it
  taken_at     TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0,
  done_at      TEXT,
  outcome      TEXT,                    -- replied | silent | refused | failed
  reply_ts     TEXT,
  diagnosis_id INTEGER REFERENCES diagnoses (id) ON DELETE SET NULL
);
CREATE INDEX slack_inbox_pending ON slack_inbox (done_at, received_at);
CREATE INDEX slack_inbox_by_event ON slack_inbox (event_id);

-- A Slack message (or one file of it) is diagnosed once, however often it is delivered.
CREATE UNIQUE INDEX diagnoses_once_per_slack_input ON diagnoses (origin, channel_id, message_ts, COALESCE(source_name, ''))
  WHERE message_ts IS NOT NULL;
