-- Closing the loop (diagnose → fix → verify): where each diagnosis was answered, what it reported, which failures it shares with
-- others, and where each recorded fact of a server came from.

-- The thread the diagnosis was answered in: verification output pasted later in that thread is about its server.
ALTER TABLE diagnoses ADD COLUMN thread_ts TEXT;
CREATE INDEX diagnoses_by_thread ON diagnoses (channel_id, thread_ts);
-- The server facts the input reported (JSON: dllVersion, wsusVersion, fixEvent), also when they were not recorded
-- (no server named, or the sender is no admin): what a "Record for <server>" button records later, without the log.
ALTER TABLE diagnoses ADD COLUMN reported TEXT;

-- One failure, one record: a client's fault `ID:` and a server's `ID=` are the same failure. Purged with its diagnosis.
CREATE TABLE fault_ids (
  diagnosis_id  INTEGER NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  fault_id      TEXT NOT NULL,           -- lower-case GUID
  side          TEXT NOT NULL,           -- client | server
  PRIMARY KEY (diagnosis_id, fault_id)
);
CREATE INDEX fault_ids_by_id ON fault_ids (fault_id);

-- The proof behind a server's recorded facts: the latest source of each (one row per server and fact).
CREATE TABLE server_fact_sources (
  server        TEXT NOT NULL,
  fact          TEXT NOT NULL,           -- dll | wsus | fix-event
  value         TEXT,                    -- the version; null for the fix event
  recorded_at   TEXT NOT NULL,
  user_id       TEXT,                    -- who recorded it (null: the CLI's operator)
  channel_id    TEXT,
  message_ts    TEXT,                    -- the message that held it
  thread_ts     TEXT,                    -- the thread it was answered in
  permalink     TEXT,                    -- that thread, when Slack gave a link
  diagnosis_id  INTEGER REFERENCES diagnoses (id) ON DELETE SET NULL,
  PRIMARY KEY (server, fact)
);
