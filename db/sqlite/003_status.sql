-- Channels that get the daily KB954960 status post.
CREATE TABLE subscriptions (
  channel_id  TEXT PRIMARY KEY,
  team_id     TEXT,
  post_time   TEXT NOT NULL,              -- HH:MM, local to time_zone
  time_zone   TEXT NOT NULL,              -- IANA name
  lang        TEXT NOT NULL,
  created_by  TEXT,
  created_at  TEXT NOT NULL
);

-- One row per channel per local day: claimed before posting, message ts recorded after. The primary key is what
-- makes the post happen at most once, whatever the number of processes or restarts.
CREATE TABLE status_posts (
  channel_id  TEXT NOT NULL,
  local_date  TEXT NOT NULL,              -- YYYY-MM-DD in the subscription's time zone
  claimed_at  TEXT NOT NULL,
  claimed_by  TEXT NOT NULL,              -- process id, for diagnosing stuck claims
  attempts    INTEGER NOT NULL DEFAULT 1,
  posted_ts   TEXT,
  posted_at   TEXT,
  PRIMARY KEY (channel_id, local_date)
);
