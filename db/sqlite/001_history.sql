-- Servers and what is known of them. The KB954960 state is derived from these facts in code
-- (src/diagnose/server-state.ts), never stored, so it cannot drift from them.
CREATE TABLE servers (
  name              TEXT PRIMARY KEY,
  dll_version       TEXT,
  dll_version_at    TEXT,
  wsus_version      TEXT,
  wsus_version_at   TEXT,
  fix_event_at      TEXT,
  last_affected_at  TEXT,
  first_seen_at     TEXT NOT NULL,
  last_seen_at      TEXT NOT NULL
);

-- One row per diagnosis the bot or the CLI made. Raw logs are never stored: only the matched lines (findings).
CREATE TABLE diagnoses (
  id            INTEGER PRIMARY KEY,
  created_at    TEXT NOT NULL,
  origin        TEXT NOT NULL,           -- cli | message | file | command | modal | shortcut
  server        TEXT,
  verdict       TEXT NOT NULL,
  server_state  TEXT NOT NULL,
  lang          TEXT NOT NULL,
  lines         INTEGER NOT NULL,
  source_name   TEXT,                    -- file name, when there was one
  team_id       TEXT,
  channel_id    TEXT,
  message_ts    TEXT,                    -- the message that was diagnosed
  reply_ts      TEXT,                    -- the bot's threaded reply
  user_id       TEXT
);
CREATE INDEX diagnoses_by_time ON diagnoses (created_at);
CREATE INDEX diagnoses_by_server ON diagnoses (server, created_at);
CREATE INDEX diagnoses_by_verdict ON diagnoses (verdict, created_at);

CREATE TABLE findings (
  diagnosis_id  INTEGER NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  rule          TEXT NOT NULL,
  line          INTEGER NOT NULL,
  text          TEXT NOT NULL,
  fields        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX findings_by_diagnosis ON findings (diagnosis_id);
