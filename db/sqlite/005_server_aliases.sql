-- Other spellings a server was reached under (its FQDN when the row is its short name, or the other way round):
-- one server, one row. Resolution rules live in src/diagnose/server-name.ts; only unambiguous matches get here.
CREATE TABLE server_aliases (
  alias  TEXT PRIMARY KEY,
  name   TEXT NOT NULL REFERENCES servers (name) ON DELETE CASCADE
);
CREATE INDEX server_aliases_by_name ON server_aliases (name);
