//! The schema as an ordered list of migrations; `PRAGMA user_version` counts those applied.

/// Migrations in order. Never edit a shipped entry: append a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles and their annotation layers, deduplicated event records.
    r#"
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    url TEXT,
    source TEXT,
    outlet TEXT NOT NULL,
    title TEXT,
    published TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    text TEXT NOT NULL,
    tone REAL,
    tone_positive REAL,
    tone_negative REAL,
    tone_polarity REAL,
    tone_words INTEGER
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    source_code TEXT NOT NULL,
    target_code TEXT NOT NULL,
    code TEXT NOT NULL,
    day TEXT NOT NULL,
    root TEXT NOT NULL,
    name TEXT NOT NULL,
    goldstein REAL NOT NULL,
    quad_class INTEGER NOT NULL,
    is_root INTEGER NOT NULL DEFAULT 0,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    tone_sum REAL NOT NULL DEFAULT 0,
    tone_n INTEGER NOT NULL DEFAULT 0,
    date_added TEXT NOT NULL,
    first_event_id INTEGER,
    UNIQUE (source_code, target_code, code, day)
);
CREATE INDEX records_pair_day ON records(source_code, target_code, day);
CREATE INDEX records_target_day ON records(target_code, source_code, day);
CREATE INDEX records_day ON records(day);
CREATE INDEX records_code ON records(code);

CREATE TABLE record_outlets (
    record_id INTEGER NOT NULL REFERENCES records(id),
    outlet TEXT NOT NULL,
    PRIMARY KEY (record_id, outlet)
) WITHOUT ROWID;

CREATE TABLE locations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    code TEXT,
    country TEXT,
    fips TEXT,
    adm1 TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    kind TEXT NOT NULL
);
CREATE INDEX locations_article ON locations(article_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    record_id INTEGER REFERENCES records(id),
    idx INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    paragraph INTEGER,
    source_code TEXT NOT NULL,
    source_text TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_end INTEGER NOT NULL,
    target_code TEXT,
    target_text TEXT,
    target_start INTEGER,
    target_end INTEGER,
    code TEXT NOT NULL,
    root TEXT NOT NULL,
    name TEXT NOT NULL,
    goldstein REAL NOT NULL,
    quad_class INTEGER NOT NULL,
    plover_type TEXT,
    plover_mode TEXT,
    date TEXT,
    date_source TEXT,
    day TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    pattern TEXT NOT NULL,
    modality TEXT NOT NULL,
    negated INTEGER NOT NULL,
    confidence INTEGER NOT NULL,
    source_char INTEGER NOT NULL,
    target_char INTEGER,
    action_char INTEGER NOT NULL,
    actor1_location INTEGER REFERENCES locations(id),
    actor2_location INTEGER REFERENCES locations(id),
    action_location INTEGER REFERENCES locations(id)
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_record ON events(record_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    code TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    kind TEXT NOT NULL,
    entries TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_code ON mentions(code);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    speaker TEXT,
    speaker_code TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    verb TEXT,
    direct INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE times (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX times_article ON times(article_id);

CREATE TABLE amounts (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    object TEXT
);
CREATE INDEX amounts_article ON amounts(article_id);

CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    code TEXT
);
CREATE INDEX names_article ON names(article_id);
"#,
    // 2: who reports an event from reported speech (its actor code).
    r#"
ALTER TABLE events ADD COLUMN reported_by TEXT;
"#,
    // 3: where an article's text came from when not simply from the input: `page` (the
    // item's page, fetched and extracted by `herald watch`), `feed` (the feed item's own
    // full content) or `feed-instead-of-page` (the feed's text because the page was gone
    // or failed; `text_note` says why). NULL for text read from input files.
    r#"
ALTER TABLE articles ADD COLUMN text_source TEXT;
ALTER TABLE articles ADD COLUMN text_note TEXT;
"#,
];
