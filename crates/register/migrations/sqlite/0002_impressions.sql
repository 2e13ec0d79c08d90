-- Banners shown, counted by portal, revision, language and day (UTC): no id, no cookie, no
-- address. The denominator of "no decision" on the dashboard.
CREATE TABLE impressions (
    portal TEXT NOT NULL,
    revision TEXT NOT NULL,
    lang TEXT NOT NULL,
    day TEXT NOT NULL,               -- YYYY-MM-DD
    count INTEGER NOT NULL,
    PRIMARY KEY (portal, revision, lang, day)
);
