-- The language a Slack user chose with `/kb954960 lang ja|en`: one row per user, replaced on a new choice. Users
-- who never chose have no row and are answered in BOT_LANG (Japanese text always gets Japanese).
CREATE TABLE reader_langs (
  user_id    TEXT PRIMARY KEY,
  lang       TEXT NOT NULL CHECK (lang IN ('en', 'ja')),
  chosen_at  TEXT NOT NULL
) WITHOUT ROWID;
