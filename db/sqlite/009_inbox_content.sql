-- What a person sent (a paste's text, a command's text) and where to answer a command (response_url) are kept apart
-- from the queue's row: written once when Slack delivers the work, deleted once when it is done. The row itself
-- changes at each step (taken, answer kept, done), and SQLite rewrites a whole row on update: with a 40 KB paste in
-- it, each step rewrote the text and, with secure_delete, zeroed the old copy — ~150 page writes per paste.
-- Items queued before this migration keep their text in slack_inbox.payload, which finish() still clears.
-- WITHOUT ROWID: one b-tree keyed by `key` (a rowid table would add an index, one more page written per paste).
CREATE TABLE slack_inbox_content (
  key      TEXT PRIMARY KEY REFERENCES slack_inbox (key) ON DELETE CASCADE,
  content  TEXT NOT NULL             -- JSON: the payload's `text` and `responseUrl`
) WITHOUT ROWID;

-- Nothing looks work up by Slack's event_id (it is kept for the log): its index was one more page written before
-- every ack.
DROP INDEX slack_inbox_by_event;
