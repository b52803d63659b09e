-- The PostgreSQL schema: the same tables, columns, keys, constraints and indexes as the SQLite schema after all its
-- migrations (db/sqlite/001_history.sql … db/sqlite/012_fleet_reports.sql; the comments there say what each table is
-- for). A new SQLite migration gets its PostgreSQL twin here, in a file of its own; test/postgres-harness.test.ts compares the two
-- schemas, table by table and column by column.
--
-- Types, chosen so that a row read from either engine is the same row:
-- * Times are TEXT, as the store writes them: ISO 8601 instants in UTC from toISOString() (2026-11-25T12:00:00.000Z),
--   local dates (YYYY-MM-DD) and clock times (HH:MM) as typed. Fixed width and one format, they sort and compare as
--   text exactly as in time; the queries compare them with strings (`created_at < ?`, MAX(created_at), a lease's end)
--   and hand them back as strings. TIMESTAMPTZ would come back from node-postgres as a Date (and DATE as a Date at
--   local midnight), so every reader and every comparison would differ between the engines.
-- * Ids are BIGINT GENERATED ALWAYS AS IDENTITY (SQLite's INTEGER PRIMARY KEY is a 64-bit rowid). node-postgres hands
--   BIGINT (and COUNT(*)) back as a string unless told otherwise: the adapter converts. Ids are never reused (SQLite
--   may reuse the highest id once its row is deleted). Copying rows in with their ids needs OVERRIDING SYSTEM VALUE,
--   then setval() of the sequence past the largest id.
-- * Flags (named_by_admin, server_by_admin) are BOOLEAN; SQLite keeps them as 0/1, and the readers already turn both
--   into a boolean. SQLite's MAX(a, b) of two flags is `a OR b` here.
-- * JSON (slack_inbox.payload, slack_inbox_content.content, findings.fields, diagnoses.reported) stays TEXT: written by
--   JSON.stringify and read by JSON.parse in both engines, byte for byte. A query that looks inside casts to jsonb
--   (SQLite's json_extract(payload, '$.channel') is payload::jsonb ->> 'channel').
-- * Counts and line numbers are INTEGER. Nothing stores bytes (raw logs are never kept), so there is no BYTEA.
--
-- Order and comparison of text assume byte order, as SQLite's default (BINARY) collation: create the database with
-- LC_COLLATE 'C' (the tests' clusters are initialised --locale=C, encoding UTF8). Under a linguistic collation the
-- times still sort right (one fixed format), but names (ORDER BY name) would sort otherwise than on SQLite.
--
-- What SQLite gives implicitly is explicit here: findings keep the order they were recorded in (the evidence first:
-- Store.evidenceOf reads the first N) in `seq`, which SQLite has as the hidden rowid. WITHOUT ROWID has no meaning here:
-- every table is a heap, its primary key an index. There are no query-planner hints (SQLite's INDEXED BY).
-- Deleted rows (a paste's text, once answered) stay in the table's dead tuples until VACUUM reclaims them, where
-- SQLite's secure_delete zeroes them at once.

CREATE TABLE servers (
  name              TEXT PRIMARY KEY,
  dll_version       TEXT,
  dll_version_at    TEXT,
  wsus_version      TEXT,
  wsus_version_at   TEXT,
  fix_event_at      TEXT,
  last_affected_at  TEXT,
  first_seen_at     TEXT NOT NULL,
  last_seen_at      TEXT NOT NULL,
  named_by_admin    BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE diagnoses (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at       TEXT NOT NULL,
  origin           TEXT NOT NULL,
  server           TEXT,
  verdict          TEXT NOT NULL,
  server_state     TEXT NOT NULL,
  lang             TEXT NOT NULL,
  lines            INTEGER NOT NULL,
  source_name      TEXT,
  team_id          TEXT,
  channel_id       TEXT,
  message_ts       TEXT,
  reply_ts         TEXT,
  user_id          TEXT,
  thread_ts        TEXT,
  reported         TEXT,
  server_by_admin  BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX diagnoses_by_time ON diagnoses (created_at);
CREATE INDEX diagnoses_by_server ON diagnoses (server, created_at);
CREATE INDEX diagnoses_by_verdict ON diagnoses (verdict, created_at);
CREATE INDEX diagnoses_by_server_verdict ON diagnoses (server, verdict, created_at);
CREATE INDEX diagnoses_by_thread ON diagnoses (channel_id, thread_ts);
-- A Slack message (or one file of it) is diagnosed once, however often it is delivered.
CREATE UNIQUE INDEX diagnoses_once_per_slack_input ON diagnoses (origin, channel_id, message_ts, COALESCE(source_name, ''))
  WHERE message_ts IS NOT NULL;

CREATE TABLE findings (
  seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  diagnosis_id  BIGINT NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  rule          TEXT NOT NULL,
  line          INTEGER NOT NULL,
  text          TEXT NOT NULL,
  fields        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX findings_by_diagnosis ON findings (diagnosis_id);

CREATE TABLE slack_inbox (
  key           TEXT PRIMARY KEY,
  event_id      TEXT,
  kind          TEXT NOT NULL,
  payload       TEXT NOT NULL,
  received_at   TEXT NOT NULL,
  taken_by      TEXT,
  taken_at      TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  done_at       TEXT,
  outcome       TEXT,
  reply_ts      TEXT,
  diagnosis_id  BIGINT REFERENCES diagnoses (id) ON DELETE SET NULL
);
CREATE INDEX slack_inbox_pending ON slack_inbox (done_at, received_at);

CREATE TABLE slack_inbox_content (
  key      TEXT PRIMARY KEY REFERENCES slack_inbox (key) ON DELETE CASCADE,
  content  TEXT NOT NULL
);

CREATE TABLE subscriptions (
  channel_id  TEXT PRIMARY KEY,
  team_id     TEXT,
  post_time   TEXT NOT NULL,
  time_zone   TEXT NOT NULL,
  lang        TEXT NOT NULL,
  created_by  TEXT,
  created_at  TEXT NOT NULL
);

CREATE TABLE status_posts (
  channel_id       TEXT NOT NULL,
  local_date       TEXT NOT NULL,
  claimed_at       TEXT NOT NULL,
  claimed_by       TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 1,
  posted_ts        TEXT,
  posted_at        TEXT,
  post_started_at  TEXT,
  last_error       TEXT,
  PRIMARY KEY (channel_id, local_date)
);

CREATE TABLE server_aliases (
  alias  TEXT PRIMARY KEY,
  name   TEXT NOT NULL REFERENCES servers (name) ON DELETE CASCADE
);
CREATE INDEX server_aliases_by_name ON server_aliases (name);

CREATE TABLE reader_langs (
  user_id    TEXT PRIMARY KEY,
  lang       TEXT NOT NULL CHECK (lang IN ('en', 'ja')),
  chosen_at  TEXT NOT NULL
);

CREATE TABLE diagnosis_problems (
  diagnosis_id  BIGINT NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  problem       TEXT NOT NULL,
  PRIMARY KEY (diagnosis_id, problem)
);
CREATE INDEX diagnosis_problems_by_problem ON diagnosis_problems (problem, diagnosis_id);

CREATE TABLE fault_ids (
  diagnosis_id  BIGINT NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  fault_id      TEXT NOT NULL,
  side          TEXT NOT NULL,
  PRIMARY KEY (diagnosis_id, fault_id)
);
CREATE INDEX fault_ids_by_id ON fault_ids (fault_id);

CREATE TABLE server_fact_sources (
  server        TEXT NOT NULL,
  fact          TEXT NOT NULL,
  value         TEXT,
  recorded_at   TEXT NOT NULL,
  user_id       TEXT,
  channel_id    TEXT,
  message_ts    TEXT,
  thread_ts     TEXT,
  permalink     TEXT,
  diagnosis_id  BIGINT REFERENCES diagnoses (id) ON DELETE SET NULL,
  PRIMARY KEY (server, fact)
);

CREATE TABLE diagnosis_codes (
  diagnosis_id  BIGINT NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  code          TEXT NOT NULL,
  PRIMARY KEY (diagnosis_id, code)
);

-- db/sqlite/012_fleet_reports.sql
CREATE TABLE report_keys (
  server       TEXT PRIMARY KEY,
  key          TEXT NOT NULL,
  enrolled_at  TEXT NOT NULL,
  revoked_at   TEXT
);

CREATE TABLE reports (
  id           TEXT PRIMARY KEY,
  server       TEXT NOT NULL,
  generated    TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  diagnosis_id BIGINT REFERENCES diagnoses (id) ON DELETE SET NULL
);
CREATE INDEX reports_by_server ON reports (server, received_at);

CREATE TABLE client_health (
  server       TEXT PRIMARY KEY,
  report_id    TEXT NOT NULL,
  at           TEXT NOT NULL,
  total        INTEGER NOT NULL,
  not_synced   INTEGER NOT NULL,
  health       TEXT NOT NULL
);

CREATE TABLE fleet_alerts (
  server       TEXT PRIMARY KEY,
  memory       TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE fleet_alert_threads (
  server       TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  ts           TEXT NOT NULL,
  posted_at    TEXT NOT NULL,
  PRIMARY KEY (server, channel_id)
);
