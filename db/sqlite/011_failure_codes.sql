-- The failure codes each diagnosis found that no known problem explains (and that are not the KB954960 signature's),
-- so a server's view can say which failures it has shown besides its known problems (db/007_diagnosis_problems.sql).
-- Rows go with their diagnosis (ON DELETE CASCADE): purged with history, retracted with a deleted message.
CREATE TABLE diagnosis_codes (
  diagnosis_id  INTEGER NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  code          TEXT NOT NULL,           -- 0x + 8 upper-case hex digits
  PRIMARY KEY (diagnosis_id, code)
) WITHOUT ROWID;
