-- Only an admin's input shapes identities (src/admins.ts): which spellings are one server, and which server a
-- diagnosis is placed under when its own output named none. Anyone's evidence is still recorded, under what it named.

-- 1: an admin (or the CLI's operator) has named this server. 0: only non-admins have: the row takes their evidence
-- but is matched by its exact name only, so it never joins or splits the names admins use (a short name and an FQDN).
-- Rows from before were named by whoever was trusted then.
ALTER TABLE servers ADD COLUMN named_by_admin INTEGER NOT NULL DEFAULT 1;

-- 1: the diagnosis's server was named by an admin (their own paste, their answer "which server?", a fault ID they
-- joined); 0: by a non-admin. Another paste is placed under it (same thread, same fault ID) only when it is 1, or the
-- paste is the same person's.
ALTER TABLE diagnoses ADD COLUMN server_by_admin INTEGER NOT NULL DEFAULT 1;
