-- Fleet reports: WSUS servers report themselves (scripts/windows/Send-KB954960Report.ps1, POST /ingest/v1/reports).

-- One reporting key per server (`kb954960 enroll NAME`). The key itself is kept: the listener needs it to check each
-- report's HMAC, so a hash would not do; the database file's permissions are its protection (docs/security.md).
-- A new enrolment replaces the key; a revoked key (revoked_at set) reports nothing.
CREATE TABLE report_keys (
  server       TEXT PRIMARY KEY,       -- canonical server name (src/diagnose/server-name.ts)
  key          TEXT NOT NULL,
  enrolled_at  TEXT NOT NULL,
  revoked_at   TEXT
);

-- Every accepted report's id, once: a retried delivery is answered "duplicate" and records nothing again.
CREATE TABLE reports (
  id           TEXT PRIMARY KEY,       -- the report's own UUID
  server       TEXT NOT NULL,
  generated    TEXT NOT NULL,          -- when the script wrote it (ISO 8601 UTC)
  received_at  TEXT NOT NULL,
  diagnosis_id INTEGER REFERENCES diagnoses (id) ON DELETE SET NULL  -- its log text's diagnosis, if any
);
CREATE INDEX reports_by_server ON reports (server, received_at);

-- Each reporting server's latest client health (src/fleet/health.ts), replaced by each report that lists clients.
CREATE TABLE client_health (
  server       TEXT PRIMARY KEY,
  report_id    TEXT NOT NULL,
  at           TEXT NOT NULL,          -- the report's generated time: the health is as of then
  total        INTEGER NOT NULL,
  not_synced   INTEGER NOT NULL,
  health       TEXT NOT NULL           -- JSON: the ClientHealth
);

-- What the alert decision last announced for a server (src/fleet/alerts.ts AlertMemory), so a change posts once.
CREATE TABLE fleet_alerts (
  server       TEXT PRIMARY KEY,
  memory       TEXT NOT NULL,          -- JSON: the AlertMemory
  updated_at   TEXT NOT NULL
);

-- The alert a channel was last posted about a server, while the server is not all clear: what follows (further
-- changes, the recovery) is replied in its thread instead of as new posts. Gone once the server is all clear.
CREATE TABLE fleet_alert_threads (
  server       TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  ts           TEXT NOT NULL,          -- the alert's message ts (the thread)
  posted_at    TEXT NOT NULL,
  PRIMARY KEY (server, channel_id)
);
