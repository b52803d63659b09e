-- Daily status posts, exactly once. A claim whose holder reached chat.postMessage may have posted even though no ts
-- was recorded (a crash, a 5xx, a timeout): whoever re-claims that day must look for the message in the channel
-- (it carries metadata kb954960_status/local_date) before posting again. post_started_at says that is needed.
ALTER TABLE status_posts ADD COLUMN post_started_at TEXT;
ALTER TABLE status_posts ADD COLUMN last_error TEXT;

-- "Affected since": the first affected diagnosis of a server after a time, one index seek per server
-- (the status post over a large history stays well under 100 ms).
CREATE INDEX diagnoses_by_server_verdict ON diagnoses (server, verdict, created_at);
