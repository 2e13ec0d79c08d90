-- The consent register on PostgreSQL (15 or later). Times are Unix seconds. Receipts are
-- partitioned by month (one partition a YYYY-MM, made when its first receipt comes), so that
-- retention drops whole months; a receipt id is unique across them through receipt_keys.

CREATE TABLE revisions (
    portal TEXT NOT NULL,
    revision TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    canonical TEXT NOT NULL,
    effective_from BIGINT NOT NULL,
    categories TEXT NOT NULL,
    PRIMARY KEY (portal, revision)
);

CREATE TABLE receipt_keys (
    id UUID PRIMARY KEY,
    body_sha256 TEXT NOT NULL,
    portal TEXT NOT NULL,
    month TEXT NOT NULL
);
CREATE INDEX receipt_keys_by_month ON receipt_keys (portal, month);

CREATE TABLE receipts (
    id UUID NOT NULL,
    body_sha256 TEXT NOT NULL,
    portal TEXT NOT NULL,
    month TEXT NOT NULL,
    log TEXT NOT NULL,
    seq BIGINT NOT NULL,
    revision TEXT NOT NULL,
    decided_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    choices TEXT NOT NULL,
    action TEXT NOT NULL,
    lang TEXT NOT NULL,
    page TEXT NOT NULL,
    leaf_hash BYTEA NOT NULL,
    PRIMARY KEY (month, id),
    UNIQUE (month, log, seq)
) PARTITION BY LIST (month);
CREATE INDEX receipts_by_portal_time ON receipts (portal, received_at);
CREATE INDEX receipts_by_time ON receipts (received_at);

CREATE TABLE checkpoints (
    log TEXT NOT NULL,
    size BIGINT NOT NULL,
    root TEXT NOT NULL,
    signed_at BIGINT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (log, size)
);

CREATE TABLE purged_logs (
    log TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    purged_at BIGINT NOT NULL
);

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
