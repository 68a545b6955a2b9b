// Versioned schema migrations, one SQL text for both backends ({{pk}} and the FTS parts differ).
// Append new versions; never edit an applied one.
import type { Db } from './db.js';

interface Migration { version: number; name: string; sql: string; sqlite?: string; pg?: string }

const MIGRATIONS: Migration[] = [{
  version: 1,
  name: 'corpus schema',
  sql: `
CREATE TABLE articles (
  seq {{pk}}, id TEXT NOT NULL UNIQUE, uri TEXT, title TEXT, publisher TEXT, original_publisher TEXT,
  republication INTEGER NOT NULL, published TEXT, language TEXT, text TEXT NOT NULL, quotes_text TEXT NOT NULL,
  record TEXT NOT NULL, body_hash TEXT NOT NULL, signature TEXT, cluster_id TEXT NOT NULL, outlet_key TEXT NOT NULL,
  similarity DOUBLE PRECISION, ingested_at TEXT NOT NULL);
CREATE INDEX articles_cluster ON articles(cluster_id);
CREATE INDEX articles_published ON articles(published);
-- other URIs at which an identical body was seen (exact duplicates are stored once)
CREATE TABLE article_copies (article_seq INTEGER NOT NULL REFERENCES articles(seq), uri TEXT NOT NULL, seen_at TEXT NOT NULL,
  PRIMARY KEY (article_seq, uri));
CREATE TABLE clusters (id TEXT PRIMARY KEY, size INTEGER NOT NULL, outlet_key TEXT NOT NULL, title TEXT,
  first_seen TEXT, last_seen TEXT);
CREATE TABLE lsh (key TEXT NOT NULL, article_seq INTEGER NOT NULL REFERENCES articles(seq));
CREATE INDEX lsh_key ON lsh(key);
CREATE TABLE entities (id {{pk}}, name TEXT NOT NULL, name_key TEXT NOT NULL, surname_key TEXT, type TEXT NOT NULL, subtype TEXT, kb_key TEXT, country TEXT,
  lat DOUBLE PRECISION, lon DOUBLE PRECISION, mention_count INTEGER NOT NULL, article_count INTEGER NOT NULL,
  first_seen TEXT, last_seen TEXT);
CREATE INDEX entities_kb ON entities(kb_key);
CREATE INDEX entities_name_key ON entities(name_key, type);
CREATE INDEX entities_surname_key ON entities(surname_key);
CREATE TABLE entity_aliases (alias_key TEXT NOT NULL, entity_id INTEGER NOT NULL REFERENCES entities(id), alias TEXT NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY (entity_id, alias));
CREATE INDEX entity_aliases_key ON entity_aliases(alias_key);
CREATE TABLE article_entities (article_seq INTEGER NOT NULL REFERENCES articles(seq), local_id TEXT NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES entities(id), name TEXT NOT NULL, mentions INTEGER NOT NULL, salience DOUBLE PRECISION,
  PRIMARY KEY (article_seq, local_id));
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_seq);
CREATE TABLE sources (id {{pk}}, article_seq INTEGER NOT NULL REFERENCES articles(seq), local_id TEXT NOT NULL,
  entity_id INTEGER REFERENCES entities(id), description TEXT, anonymous INTEGER NOT NULL, affiliation_id INTEGER,
  role TEXT, source_key TEXT NOT NULL);
CREATE INDEX sources_article ON sources(article_seq);
CREATE INDEX sources_key ON sources(source_key);
CREATE INDEX sources_entity ON sources(entity_id);
CREATE TABLE quotes (id {{pk}}, article_seq INTEGER NOT NULL REFERENCES articles(seq), local_id TEXT NOT NULL,
  source_id INTEGER REFERENCES sources(id), speaker_id INTEGER REFERENCES entities(id), text TEXT NOT NULL,
  direct INTEGER NOT NULL, cue TEXT, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_article ON quotes(article_seq);
-- entities mentioned inside a quote: "quotes about"
CREATE TABLE quote_entities (quote_id INTEGER NOT NULL REFERENCES quotes(id), entity_id INTEGER NOT NULL REFERENCES entities(id),
  PRIMARY KEY (quote_id, entity_id));
CREATE INDEX quote_entities_entity ON quote_entities(entity_id);
CREATE TABLE events (id {{pk}}, article_seq INTEGER NOT NULL REFERENCES articles(seq), local_id TEXT NOT NULL, type TEXT NOT NULL,
  date TEXT, precision TEXT, location_id INTEGER REFERENCES entities(id), lat DOUBLE PRECISION, lon DOUBLE PRECISION,
  negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, confidence DOUBLE PRECISION, evidence TEXT NOT NULL,
  source_id INTEGER REFERENCES sources(id), cluster_id TEXT NOT NULL);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_location ON events(location_id);
CREATE TABLE event_participants (event_id INTEGER NOT NULL REFERENCES events(id), entity_id INTEGER REFERENCES entities(id),
  role TEXT NOT NULL, description TEXT);
CREATE INDEX event_participants_event ON event_participants(event_id);
CREATE INDEX event_participants_entity ON event_participants(entity_id);
CREATE TABLE relations (id {{pk}}, type TEXT NOT NULL, subject_id INTEGER NOT NULL REFERENCES entities(id),
  object_id INTEGER NOT NULL REFERENCES entities(id), evidence_count INTEGER NOT NULL, first_seen TEXT, last_seen TEXT,
  UNIQUE (type, subject_id, object_id));
CREATE INDEX relations_object ON relations(object_id);
CREATE INDEX relations_subject ON relations(subject_id);
-- one row per (relation, article, source): corroboration is counted from these
CREATE TABLE relation_evidence (relation_id INTEGER NOT NULL REFERENCES relations(id), article_seq INTEGER NOT NULL REFERENCES articles(seq),
  cluster_id TEXT NOT NULL, outlet_key TEXT NOT NULL, source_key TEXT, anonymous INTEGER, text TEXT NOT NULL,
  confidence DOUBLE PRECISION, seen TEXT);
CREATE INDEX relation_evidence_rel ON relation_evidence(relation_id);
CREATE INDEX relation_evidence_article ON relation_evidence(article_seq);
CREATE TABLE claims (id {{pk}}, claim_key TEXT NOT NULL UNIQUE, text TEXT NOT NULL, subject_id INTEGER REFERENCES entities(id),
  evidence_count INTEGER NOT NULL, first_seen TEXT, last_seen TEXT);
CREATE INDEX claims_subject ON claims(subject_id);
CREATE TABLE claim_evidence (claim_id INTEGER NOT NULL REFERENCES claims(id), article_seq INTEGER NOT NULL REFERENCES articles(seq),
  cluster_id TEXT NOT NULL, outlet_key TEXT NOT NULL, source_key TEXT, anonymous INTEGER, text TEXT NOT NULL, stance TEXT, seen TEXT);
CREATE INDEX claim_evidence_claim ON claim_evidence(claim_id);
`,
  // Full text: external-content FTS5 over articles (snippets read the text from articles) / tsvector.
  sqlite: `CREATE VIRTUAL TABLE article_fts USING fts5(title, text, quotes_text, content='articles', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2');`,
  pg: `ALTER TABLE articles ADD COLUMN tsv tsvector;
CREATE INDEX articles_tsv ON articles USING GIN (tsv);`,
}, {
  version: 2,
  name: 'indexes for entity dossiers on big corpora',
  // Each dossier section reads the newest / best-corroborated N rows straight off an index.
  sql: `
CREATE INDEX quote_entities_entity_quote ON quote_entities(entity_id, quote_id);
DROP INDEX quote_entities_entity;
CREATE INDEX event_participants_entity_event ON event_participants(entity_id, event_id);
DROP INDEX event_participants_entity;
CREATE INDEX events_location_id ON events(location_id, id);
DROP INDEX events_location;
CREATE INDEX relations_subject_count ON relations(subject_id, evidence_count);
CREATE INDEX relations_object_count ON relations(object_id, evidence_count);
DROP INDEX relations_subject;
DROP INDEX relations_object;
CREATE INDEX claims_subject_count ON claims(subject_id, evidence_count);
DROP INDEX claims_subject;
CREATE INDEX quotes_speaker_id ON quotes(speaker_id, id);
DROP INDEX quotes_speaker;
`,
}, {
  version: 3,
  name: 'narrow tables for the writer on big corpora',
  // What the writer reads for every new article, kept where a lookup does not walk other data:
  // - each article's MinHash signature, cluster and outlet in a narrow table: checking LSH
  //   candidates read the signature from the articles row, after the text and record columns, i.e.
  //   through their overflow pages (~70 page reads per article on a 100k-article store);
  // - (SQLite) LSH keys and entity aliases as WITHOUT ROWID tables keyed the way they are looked up:
  //   one b-tree each instead of a table plus its index, and the lookup is the upsert's own search.
  sql: `
CREATE TABLE article_signatures (article_seq INTEGER PRIMARY KEY REFERENCES articles(seq), signature TEXT NOT NULL,
  cluster_id TEXT NOT NULL, outlet_key TEXT NOT NULL);
INSERT INTO article_signatures (article_seq, signature, cluster_id, outlet_key)
  SELECT seq, signature, cluster_id, outlet_key FROM articles WHERE signature IS NOT NULL ORDER BY seq;
`,
  sqlite: `
CREATE TABLE lsh_v3 (key TEXT NOT NULL, article_seq INTEGER NOT NULL REFERENCES articles(seq), PRIMARY KEY (key, article_seq)) WITHOUT ROWID;
INSERT OR IGNORE INTO lsh_v3 (key, article_seq) SELECT key, article_seq FROM lsh ORDER BY key, article_seq;
DROP TABLE lsh;
ALTER TABLE lsh_v3 RENAME TO lsh;
CREATE TABLE entity_aliases_v3 (alias_key TEXT NOT NULL, entity_id INTEGER NOT NULL REFERENCES entities(id), alias TEXT NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY (alias_key, entity_id, alias)) WITHOUT ROWID;
INSERT INTO entity_aliases_v3 (alias_key, entity_id, alias, count)
  SELECT alias_key, entity_id, alias, count FROM entity_aliases ORDER BY alias_key, entity_id, alias;
DROP TABLE entity_aliases;
ALTER TABLE entity_aliases_v3 RENAME TO entity_aliases;
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);
`,
  // PostgreSQL: the same lookups as index-only scans; the alias upsert's conflict target is this index.
  pg: `
CREATE INDEX lsh_key_article ON lsh(key, article_seq);
DROP INDEX lsh_key;
CREATE UNIQUE INDEX entity_aliases_lookup ON entity_aliases(alias_key, entity_id, alias);
DROP INDEX entity_aliases_key;
`,
}];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Apply pending migrations (up to `upTo`: tests build older stores), each in its own transaction, recorded in schema_migrations. */
export async function migrate(db: Db, upTo = SCHEMA_VERSION): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set((await db.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
  for (const m of MIGRATIONS) {
    if (done.has(m.version) || m.version > upTo) continue;
    const pk = db.dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'SERIAL PRIMARY KEY';
    const sql = m.sql.replaceAll('{{pk}}', pk) + '\n' + ((db.dialect === 'sqlite' ? m.sqlite : m.pg) ?? '');
    await db.tx(async () => {
      await db.exec(sql);
      await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
    });
  }
  const newest = await db.get('SELECT MAX(version) AS v FROM schema_migrations');
  if (Number(newest?.v) > SCHEMA_VERSION) throw new Error(`database schema version ${newest?.v} is newer than this dossier (${SCHEMA_VERSION})`);
}
