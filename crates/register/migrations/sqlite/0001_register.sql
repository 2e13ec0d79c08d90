-- The consent register on SQLite (one file, WAL). Times are Unix seconds.

-- Each charter revision a banner can produce: what the visitor was shown, provable.
CREATE TABLE revisions (
    portal TEXT NOT NULL,
    revision TEXT NOT NULL,          -- the banner's revision (8 hex digits), as receipts name it
    sha256 TEXT NOT NULL,            -- SHA-256 of `canonical`, hex
    canonical TEXT NOT NULL,         -- the charter as canonical JSON (sorted keys, no spaces)
    effective_from INTEGER NOT NULL, -- when this revision took effect
    categories TEXT NOT NULL,        -- [{"id","required","services":[…]}], to check and export choices
    PRIMARY KEY (portal, revision)
);

-- One row a receipt; `log` is the append-only log it belongs to (portal/YYYY-MM), `seq` its
-- leaf index there, `leaf_hash` the RFC 6962 leaf hash of its canonical record.
CREATE TABLE receipts (
    id TEXT PRIMARY KEY,             -- the receipt's random v4 UUID, lower case
    body_sha256 TEXT NOT NULL,       -- of the body as received: a resend is told from a forgery
    portal TEXT NOT NULL,
    log TEXT NOT NULL,
    seq INTEGER NOT NULL,
    revision TEXT NOT NULL,
    decided_at INTEGER NOT NULL,     -- the visitor's clock
    received_at INTEGER NOT NULL,    -- the register's clock
    choices TEXT NOT NULL,           -- every category and service of the revision: canonical JSON
    action TEXT NOT NULL,            -- accept-all | refuse-all | custom
    lang TEXT NOT NULL,
    page TEXT NOT NULL,              -- without query or fragment
    leaf_hash BLOB NOT NULL,
    UNIQUE (log, seq)
);
CREATE INDEX receipts_by_portal_time ON receipts (portal, received_at);

-- Signed checkpoints of each log (also written as files to publish).
CREATE TABLE checkpoints (
    log TEXT NOT NULL,
    size INTEGER NOT NULL,
    root TEXT NOT NULL,              -- hex
    signed_at INTEGER NOT NULL,
    signature TEXT NOT NULL,         -- Ed25519, hex
    PRIMARY KEY (log, size)
);

-- Logs whose receipts retention removed (whole months): `verify` expects them empty, their
-- last checkpoint kept.
CREATE TABLE purged_logs (
    log TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    purged_at INTEGER NOT NULL
);

-- Counters a DPO reads: a receipt id sent again with another body, refused (409).
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
