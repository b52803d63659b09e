-- The known problems other than KB954960 each diagnosis found (the pack ids of src/detect/problems/), so the history and
-- the daily status can count them per server. Rows go with their diagnosis (ON DELETE CASCADE): purged with history.
CREATE TABLE diagnosis_problems (
  diagnosis_id  INTEGER NOT NULL REFERENCES diagnoses (id) ON DELETE CASCADE,
  problem       TEXT NOT NULL,
  PRIMARY KEY (diagnosis_id, problem)
) WITHOUT ROWID;
CREATE INDEX diagnosis_problems_by_problem ON diagnosis_problems (problem, diagnosis_id);
