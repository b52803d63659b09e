-- What a person sent (a paste's text, a command's text) and where to answer a command (response_url) are kept apart
-- from the queue's row: written once when Slack delivers the work, deleted once when it is done. The row itself
-- changes at each step (taken, answer kept, done), and SQLite rewrites a whole row on update: with a 40 KB paste in
-- it, each step rewrote the text and, with secure_delete, zeroed the old copy — ~150 page writes per paste (issue 13).
-- Items queued before this migration keep their text in slack_inbox.payload, which finish() still clears.
CREATE TABLE slack_inbox_content (
  key      TEXT PRIMARY KEY REFERENCES slack_inbox (key) ON DELETE CASCADE,
  content  TEXT NOT NULL             -- JSON: the payload's `text` and `responseUrl`
);
