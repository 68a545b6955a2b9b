// Reading the corpus: stats, full-text search, entity dossiers, events, sources.
import type { Db, Row } from './db.js';
import { aliasKey } from './normalize.js';

export interface Stats {
  articles: number; exact_copies: number; near_duplicates: number; clusters: number; largest_cluster: number;
  republications: number; entities: number; relations: number; claims: number; events: number; sources: number;
  anonymous_sources: number; quotes: number; schema_version: number;
}

const num = (v: unknown) => Number(v ?? 0);

export async function stats(db: Db): Promise<Stats> {
  const one = async (sql: string) => num((await db.get(sql))?.n);
  return {
    articles: await one('SELECT COUNT(*) AS n FROM articles'),
    exact_copies: await one('SELECT COUNT(*) AS n FROM article_copies'),
    near_duplicates: await one('SELECT COUNT(*) AS n FROM articles WHERE cluster_id <> id'),
    clusters: await one('SELECT COUNT(*) AS n FROM clusters WHERE size > 1'),
    largest_cluster: await one('SELECT MAX(size) AS n FROM clusters'),
    republications: await one('SELECT COUNT(*) AS n FROM articles WHERE republication = 1'),
    entities: await one('SELECT COUNT(*) AS n FROM entities'),
    relations: await one('SELECT COUNT(*) AS n FROM relations'),
    claims: await one('SELECT COUNT(*) AS n FROM claims'),
    events: await one('SELECT COUNT(*) AS n FROM events'),
    sources: await one('SELECT COUNT(DISTINCT source_key) AS n FROM sources'),
    anonymous_sources: await one('SELECT COUNT(DISTINCT source_key) AS n FROM sources WHERE anonymous = 1'),
    quotes: await one('SELECT COUNT(*) AS n FROM quotes'),
    schema_version: await one('SELECT MAX(version) AS n FROM schema_migrations'),
  };
}

export interface Cluster { id: string; size: number; title: string | null; members: { id: string; uri: string | null; similarity: number | null }[] }
export async function clusters(db: Db, limit = 10): Promise<Cluster[]> {
  const rows = await db.all('SELECT id, size, title FROM clusters WHERE size > 1 ORDER BY size DESC, id LIMIT ?', [limit]);
  const out: Cluster[] = [];
  for (const r of rows) {
    const members = await db.all('SELECT id, uri, similarity FROM articles WHERE cluster_id = ? ORDER BY seq LIMIT 20', [r.id]);
    out.push({ id: r.id, size: num(r.size), title: r.title, members: members.map((m) => ({ id: m.id, uri: m.uri, similarity: m.similarity })) });
  }
  return out;
}

export interface SearchHit { id: string; title: string | null; uri: string | null; published: string | null; snippet: string }
export async function search(db: Db, text: string, limit = 20): Promise<SearchHit[]> {
  if (db.dialect === 'sqlite') {
    // Quote every word: user text is never FTS5 syntax.
    const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.length) return [];
    const q = words.map((w) => `"${w}"`).join(' ');
    return (await db.all(`SELECT a.id, a.title, a.uri, a.published, snippet(article_fts, 1, '[', ']', '…', 16) AS snippet
      FROM article_fts JOIN articles a ON a.seq = article_fts.rowid WHERE article_fts MATCH ? ORDER BY rank LIMIT ?`, [q, limit])) as SearchHit[];
  }
  return (await db.all(`SELECT a.id, a.title, a.uri, a.published,
      ts_headline('english', left(a.text, 100000), q, 'StartSel=[, StopSel=], MaxWords=30, MinWords=12') AS snippet
    FROM articles a, websearch_to_tsquery('english', ?) q WHERE a.tsv @@ q ORDER BY ts_rank(a.tsv, q) DESC LIMIT ?`, [text, limit])) as SearchHit[];
}

export interface Corroboration { sources: number; named_sources: number; anonymous_sources: number; outlets: number; articles: number; first_seen: string | null; last_seen: string | null }
const CORROBORATION = `COUNT(DISTINCT source_key) AS sources,
  COUNT(DISTINCT CASE WHEN anonymous = 0 THEN source_key END) AS named_sources,
  COUNT(DISTINCT CASE WHEN anonymous = 1 THEN source_key END) AS anonymous_sources,
  COUNT(DISTINCT outlet_key) AS outlets, COUNT(DISTINCT article_seq) AS articles, MIN(seen) AS first_seen, MAX(seen) AS last_seen`;
const corr = (r: Row): Corroboration => ({ sources: num(r.sources), named_sources: num(r.named_sources), anonymous_sources: num(r.anonymous_sources),
  outlets: num(r.outlets), articles: num(r.articles), first_seen: r.first_seen ?? null, last_seen: r.last_seen ?? null });

export interface EntityReport {
  id: number; name: string; type: string; subtype: string | null; country: string | null; lat: number | null; lon: number | null;
  aliases: { alias: string; count: number }[]; mention_count: number; article_count: number; first_seen: string | null; last_seen: string | null;
  articles: { id: string; title: string | null; uri: string | null; published: string | null; mentions: number }[];
  quotes_by: { text: string; direct: boolean; article: string; published: string | null }[];
  quotes_about: { text: string; speaker: string | null; article: string; published: string | null }[];
  relations: { type: string; subject: string; object: string; evidence: string; corroboration: Corroboration }[];
  claims: { text: string; corroboration: Corroboration }[];
  events: { type: string; date: string | null; location: string | null; role: string; evidence: string; article: string }[];
}

/** Corpus entities known by this name (any alias), most mentioned first, each with its dossier. */
export async function entity(db: Db, name: string, limit = 20, maxEntities = 5): Promise<EntityReport[]> {
  const key = aliasKey(name);
  let ids = await db.all(`SELECT DISTINCT en.id, en.mention_count FROM entity_aliases ea JOIN entities en ON en.id = ea.entity_id
    WHERE ea.alias_key = ? ORDER BY en.mention_count DESC LIMIT ?`, [key, maxEntities]);
  if (!ids.length && /^\d+$/.test(name)) ids = await db.all('SELECT id FROM entities WHERE id = ?', [Number(name)]);
  const out: EntityReport[] = [];
  for (const { id } of ids) {
    const e = (await db.get('SELECT * FROM entities WHERE id = ?', [id]))!;
    const aliases = await db.all('SELECT alias, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias LIMIT 50', [id]);
    const articles = await db.all(`SELECT a.id, a.title, a.uri, a.published, ae.mentions FROM article_entities ae JOIN articles a ON a.seq = ae.article_seq
      WHERE ae.entity_id = ? ORDER BY ae.article_seq DESC LIMIT ?`, [id, limit]);
    const quotesBy = await db.all(`SELECT q.text, q.direct, a.id AS article, a.published FROM quotes q JOIN articles a ON a.seq = q.article_seq
      WHERE q.speaker_id = ? ORDER BY q.id DESC LIMIT ?`, [id, limit]);
    const quotesAbout = await db.all(`SELECT q.text, sp.name AS speaker, a.id AS article, a.published FROM quote_entities qe JOIN quotes q ON q.id = qe.quote_id
      JOIN articles a ON a.seq = q.article_seq LEFT JOIN entities sp ON sp.id = q.speaker_id WHERE qe.entity_id = ? ORDER BY qe.quote_id DESC LIMIT ?`, [id, limit]);
    // Two index-ordered reads (as subject, as object) merged here: no sort over all of a big entity's relations.
    const relSql = (side: string) => `SELECT r.id, r.type, s.name AS subject, o.name AS object, r.evidence_count FROM relations r
      JOIN entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id
      WHERE r.${side}_id = ? ORDER BY r.evidence_count DESC, r.id DESC LIMIT ?`;
    const rels = [...await db.all(relSql('subject'), [id, limit]), ...await db.all(relSql('object'), [id, limit])]
      .sort((a, b) => b.evidence_count - a.evidence_count || b.id - a.id).slice(0, limit);
    const relations: EntityReport['relations'] = [];
    for (const r of rels) {
      const c = (await db.get(`SELECT ${CORROBORATION} FROM relation_evidence WHERE relation_id = ?`, [r.id]))!;
      const ev = await db.get('SELECT text FROM relation_evidence WHERE relation_id = ? LIMIT 1', [r.id]);
      relations.push({ type: r.type, subject: r.subject, object: r.object, evidence: ev?.text ?? '', corroboration: corr(c) });
    }
    const cl = await db.all('SELECT id, text FROM claims WHERE subject_id = ? ORDER BY evidence_count DESC, id DESC LIMIT ?', [id, limit]);
    const claims: EntityReport['claims'] = [];
    for (const c of cl) claims.push({ text: c.text, corroboration: corr((await db.get(`SELECT ${CORROBORATION} FROM claim_evidence WHERE claim_id = ?`, [c.id]))!) });
    // Newest events where it takes part or is the place, each read newest-first off an index, then merged.
    const evSql = `SELECT ev.id, ev.type, ev.date, loc.name AS location, ev.evidence, a.id AS article FROM events ev
      JOIN articles a ON a.seq = ev.article_seq LEFT JOIN entities loc ON loc.id = ev.location_id WHERE ev.id = ?`;
    const evIds = [
      ...(await db.all('SELECT event_id AS id, role FROM event_participants WHERE entity_id = ? ORDER BY event_id DESC LIMIT ?', [id, limit])),
      ...(await db.all(`SELECT id, 'location' AS role FROM events WHERE location_id = ? ORDER BY id DESC LIMIT ?`, [id, limit])),
    ].sort((a, b) => b.id - a.id).slice(0, limit);
    const events: Row[] = [];
    for (const x of evIds) { const ev = await db.get(evSql, [x.id]); if (ev) events.push({ ...ev, role: x.role }); }
    events.sort((a, b) => String(b.date ?? '').localeCompare(String(a.date ?? '')) || b.id - a.id);
    out.push({
      id: num(e.id), name: e.name, type: e.type, subtype: e.subtype, country: e.country, lat: e.lat, lon: e.lon,
      aliases: aliases.map((a) => ({ alias: a.alias, count: num(a.count) })), mention_count: num(e.mention_count), article_count: num(e.article_count),
      first_seen: e.first_seen, last_seen: e.last_seen,
      articles: articles.map((a) => ({ id: a.id, title: a.title, uri: a.uri, published: a.published, mentions: num(a.mentions) })),
      quotes_by: quotesBy.map((q) => ({ text: q.text, direct: !!num(q.direct), article: q.article, published: q.published })),
      quotes_about: quotesAbout.map((q) => ({ text: q.text, speaker: q.speaker ?? null, article: q.article, published: q.published })),
      relations, claims,
      events: events.map((v) => ({ type: v.type, date: v.date, location: v.location, role: v.role, evidence: v.evidence, article: v.article })),
    });
  }
  return out;
}

export interface EventFilter { type?: string; from?: string; to?: string; near?: string; km?: number; limit?: number }
export interface EventRow { id: number; type: string; date: string | null; location: string | null; lat: number | null; lon: number | null;
  distance_km?: number; negated: boolean; hypothetical: boolean; participants: string; evidence: string; article: string; title: string | null }

function haversineKm(a: number, b: number, c: number, d: number): number {
  const r = Math.PI / 180, x = Math.sin(((c - a) * r) / 2), y = Math.sin(((d - b) * r) / 2);
  return 2 * 6371 * Math.asin(Math.sqrt(x * x + Math.cos(a * r) * Math.cos(c * r) * y * y));
}

/** Events by type and date range; near = at a place entity, or within km of it when geo is known. */
export async function events(db: Db, f: EventFilter): Promise<EventRow[]> {
  const where: string[] = [], p: unknown[] = [];
  if (f.type) { where.push('ev.type = ?'); p.push(f.type); }
  // dates are ISO prefixes (2021, 2021-04, 2021-04-14): compare as strings, a "to" bound covers its whole period
  if (f.from) { where.push('ev.date >= ?'); p.push(f.from); }
  if (f.to) { where.push('ev.date <= ?'); p.push(f.to + '\uffff'); }
  let centre: { lat: number; lon: number } | null = null;
  if (f.near) {
    const places = await db.all(`SELECT DISTINCT en.id, en.lat, en.lon, en.mention_count FROM entity_aliases ea JOIN entities en ON en.id = ea.entity_id
      WHERE ea.alias_key = ? AND en.type IN ('GPE', 'LOC') ORDER BY en.mention_count DESC`, [aliasKey(f.near)]);
    if (!places.length) return [];
    const withGeo = places.find((x) => x.lat != null);
    if (f.km != null && withGeo) {
      centre = { lat: withGeo.lat, lon: withGeo.lon };
      const dLat = f.km / 111, dLon = f.km / (111 * Math.max(0.05, Math.cos((centre.lat * Math.PI) / 180)));
      where.push('ev.lat BETWEEN ? AND ? AND ev.lon BETWEEN ? AND ?');
      p.push(centre.lat - dLat, centre.lat + dLat, centre.lon - dLon, centre.lon + dLon);
    } else {
      where.push(`ev.location_id IN (${places.map(() => '?').join(',')})`);
      p.push(...places.map((x) => x.id));
    }
  }
  const rows = await db.all(`SELECT ev.id, ev.type, ev.date, loc.name AS location, ev.lat, ev.lon, ev.negated, ev.hypothetical, ev.evidence,
      a.id AS article, a.title,
      (SELECT ${db.dialect === 'pg' ? "string_agg(coalesce(pe.name, p.description) || ' (' || p.role || ')', ', ')" : "group_concat(coalesce(pe.name, p.description) || ' (' || p.role || ')', ', ')"}
        FROM event_participants p LEFT JOIN entities pe ON pe.id = p.entity_id WHERE p.event_id = ev.id) AS participants
    FROM events ev JOIN articles a ON a.seq = ev.article_seq LEFT JOIN entities loc ON loc.id = ev.location_id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ev.date DESC, ev.id DESC LIMIT ?`, [...p, f.limit ?? 100]);
  const out: EventRow[] = rows.map((r) => ({ id: num(r.id), type: r.type, date: r.date, location: r.location, lat: r.lat, lon: r.lon,
    negated: !!num(r.negated), hypothetical: !!num(r.hypothetical), participants: r.participants ?? '', evidence: r.evidence, article: r.article, title: r.title }));
  if (!centre) return out;
  return out.map((r) => ({ ...r, distance_km: Math.round(haversineKm(centre!.lat, centre!.lon, r.lat!, r.lon!) * 10) / 10 }))
    .filter((r) => r.distance_km! <= f.km!);
}

export interface SourceRow { key: string; name: string | null; description: string | null; anonymous: boolean; role: string | null;
  affiliation: string | null; articles: number; quotes: number; outlets: number }
/** Sources across the corpus, one row per distinct source (named: the entity; anonymous: description within a story cluster). */
export async function sources(db: Db, opts: { anonymous?: boolean; limit?: number } = {}): Promise<SourceRow[]> {
  const rows = await db.all(`SELECT s.source_key, MAX(en.name) AS name, MAX(s.description) AS description, MAX(s.anonymous) AS anonymous,
      MAX(s.role) AS role, MAX(af.name) AS affiliation, COUNT(DISTINCT s.article_seq) AS articles, COUNT(DISTINCT a.outlet_key) AS outlets,
      (SELECT COUNT(*) FROM quotes q JOIN sources s2 ON s2.id = q.source_id WHERE s2.source_key = s.source_key) AS quotes
    FROM sources s JOIN articles a ON a.seq = s.article_seq LEFT JOIN entities en ON en.id = s.entity_id LEFT JOIN entities af ON af.id = s.affiliation_id
    ${opts.anonymous ? 'WHERE s.anonymous = 1' : ''} GROUP BY s.source_key ORDER BY articles DESC, s.source_key LIMIT ?`, [opts.limit ?? 100]);
  return rows.map((r) => ({ key: r.source_key, name: r.name, description: r.description, anonymous: !!num(r.anonymous), role: r.role,
    affiliation: r.affiliation, articles: num(r.articles), quotes: num(r.quotes), outlets: num(r.outlets) }));
}
