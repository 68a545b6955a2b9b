// Writing one analysis record into the corpus: near-duplicate clustering, cross-article entity
// resolution, and the evidence rows that corroboration is counted from. Runs inside one transaction.
import type { AnalysisRecord, Entity } from '../types.js';
import type { Db } from './db.js';
import { aliasKey, outletKey, textKey } from './normalize.js';
import { bandKeys, CLUSTER_THRESHOLD, hexToSig, minhash, sigToHex, similarity } from './minhash.js';

export interface AddResult {
  status: 'stored' | 'duplicate';
  id: string;
  clusterId: string;
  /** id of the stored article this one is a near-duplicate of (same cluster), if any */
  nearDuplicateOf: string | null;
  similarity: number | null;
  republication: boolean;
}

const SYMMETRIC = new Set(['allied_with', 'fights_alongside', 'opposes', 'kinship_with']);
const clip = (s: string, n = 1000) => (s.length > n ? s.slice(0, n) : s);
const isoNow = () => new Date().toISOString();

export async function addArticle(db: Db, rec: AnalysisRecord, signature: Uint32Array | null | undefined, uri: string | null, json?: string): Promise<AddResult> {
  const d = rec.document;
  const existing = await db.get('SELECT seq, cluster_id, uri FROM articles WHERE id = ?', [d.id]);
  if (existing) {
    // Same cleaned body: stored once; remember the other address it was seen at.
    const at = uri ?? d.uri;
    if (at && at !== existing.uri) await db.run('INSERT INTO article_copies (article_seq, uri, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [existing.seq, at, isoNow()]);
    return { status: 'duplicate', id: d.id, clusterId: existing.cluster_id, nearDuplicateOf: d.id, similarity: 1, republication: d.republication };
  }
  const now = isoNow();
  const seen = d.published ?? now.slice(0, 10);
  const sig = signature === undefined ? minhash(d.text) : signature;

  // Near-duplicates: LSH band collisions, confirmed on the full signature.
  // The best match: its cluster, that cluster's outlet, and the matching article (by seq).
  let cluster: { id: string; outlet: string; seq: number; sim: number } | null = null;
  const keys = sig ? bandKeys(sig) : [];
  if (sig) {
    // An article's outlet key is its cluster's (set when it joined), so the candidate rows hold all that is needed.
    const cands = await db.all(`SELECT DISTINCT l.article_seq, s.signature, s.cluster_id, s.outlet_key FROM lsh l
      JOIN article_signatures s ON s.article_seq = l.article_seq WHERE l.key IN (${keys.map(() => '?').join(',')}) LIMIT 200`, keys);
    for (const c of cands) {
      const s = similarity(sig, hexToSig(c.signature));
      if (s >= CLUSTER_THRESHOLD && (!cluster || s > cluster.sim)) cluster = { id: c.cluster_id, outlet: c.outlet_key, seq: Number(c.article_seq), sim: s };
    }
  }
  const clusterId = cluster?.id ?? d.id;
  // Outlet that corroboration counts: a cluster counts once; a republished copy counts as its original.
  const outlet = cluster?.outlet ?? (d.republication ? outletKey(d.original_publisher) : null) ?? outletKey(d.publisher)
    ?? outletKey(d.original_publisher) ?? 'doc:' + d.id;
  const quotesText = rec.quotes.map((q) => q.text).join('\n');

  const row = await db.get(`INSERT INTO articles (id, uri, title, publisher, original_publisher, republication, published, language, text,
    quotes_text, record, body_hash, signature, cluster_id, outlet_key, similarity, ingested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  [d.id, uri ?? d.uri, d.title, d.publisher, d.original_publisher, d.republication, d.published, d.language, d.text, quotesText,
    json ?? JSON.stringify(rec), d.id.replace(/^sha256:/, ''), null, clusterId, outlet, cluster?.sim ?? null, now]);
  const seq = Number(row!.seq);
  // (articles.signature is filled only in stores written before schema version 3.)
  if (sig) await db.run('INSERT INTO article_signatures (article_seq, signature, cluster_id, outlet_key) VALUES (?, ?, ?, ?)', [seq, sigToHex(sig), clusterId, outlet]);
  if (db.dialect === 'sqlite') {
    await db.run('INSERT INTO article_fts (rowid, title, text, quotes_text) VALUES (?, ?, ?, ?)', [seq, d.title ?? '', d.text, quotesText]);
  } else {
    // tsvector input is capped: PostgreSQL limits a tsvector to 1 MB.
    await db.run(`UPDATE articles SET tsv = to_tsvector('english', left(coalesce(title, '') || ' ' || text || ' ' || quotes_text, 300000)) WHERE seq = ?`, [seq]);
  }
  if (keys.length) await db.run(`INSERT INTO lsh (key, article_seq) VALUES ${keys.map(() => '(?, ?)').join(', ')}`, keys.flatMap((k) => [k, seq]));
  if (cluster) await db.run('UPDATE clusters SET size = size + 1, title = COALESCE(title, ?), first_seen = CASE WHEN first_seen > ? THEN ? ELSE first_seen END, last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE id = ?', [d.title, seen, seen, seen, seen, cluster.id]);
  else await db.run('INSERT INTO clusters (id, size, outlet_key, title, first_seen, last_seen) VALUES (?, 1, ?, ?, ?, ?)', [clusterId, outlet, d.title, seen, seen]);

  // Entities → corpus entities.
  const ent = new Map<string, number>();
  const counted = new Set<number>();
  for (const e of rec.entities) {
    const id = await resolveEntity(db, e, seen, counted);
    ent.set(e.id, id);
    await db.run('INSERT INTO article_entities (article_seq, local_id, entity_id, name, mentions, salience) VALUES (?, ?, ?, ?, ?, ?)',
      [seq, e.id, id, e.name, e.mentions.length, e.salience]);
  }
  const entOf = (local: string | null | undefined) => (local ? ent.get(local) ?? null : null);

  // Sources and quotes.
  const src = new Map<string, { row: number; key: string; anonymous: boolean }>();
  for (const s of rec.sources) {
    const eid = entOf(s.entity);
    const key = eid != null && !s.anonymous ? `e:${eid}`
      : s.anonymous ? `a:${clusterId}:${textKey(s.description ?? s.role ?? '') || 'anonymous'}`
        : `n:${textKey(s.description ?? s.role ?? '') || s.id}`;
    const r = await db.get(`INSERT INTO sources (article_seq, local_id, entity_id, description, anonymous, affiliation_id, role, source_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, [seq, s.id, eid, s.description ?? null, s.anonymous, entOf(s.affiliation), s.role ?? null, key]);
    src.set(s.id, { row: Number(r!.id), key, anonymous: s.anonymous });
  }
  for (const q of rec.quotes) {
    const s = q.source ? src.get(q.source) : undefined;
    const speaker = q.source ? entOf(rec.sources.find((x) => x.id === q.source)?.entity) : null;
    const r = await db.get(`INSERT INTO quotes (article_seq, local_id, source_id, speaker_id, text, direct, cue, start_offset, end_offset)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, [seq, q.id, s?.row ?? null, speaker, clip(q.text, 4000), q.direct, q.cue ?? null, q.start, q.end]);
    const about = new Set<number>();
    for (const m of rec.mentions) if (m.start >= q.start && m.end <= q.end) { const id = ent.get(m.entity); if (id != null && id !== speaker) about.add(id); }
    for (const id of about) await db.run('INSERT INTO quote_entities (quote_id, entity_id) VALUES (?, ?)', [Number(r!.id), id]);
  }

  // Events.
  const entityById = new Map(rec.entities.map((e) => [e.id, e]));
  for (const ev of rec.events) {
    let date: string | null = null, precision: string | null = null;
    if (typeof ev.time === 'string') { const t = rec.times.find((x) => x.id === ev.time); date = t?.value ?? null; precision = t?.precision ?? null; }
    else if (ev.time) { date = ev.time.value; precision = ev.time.precision; }
    const geo = ev.location ? entityById.get(ev.location)?.geo : null;
    const r = await db.get(`INSERT INTO events (article_seq, local_id, type, date, precision, location_id, lat, lon, negated, hypothetical,
      confidence, evidence, source_id, cluster_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [seq, ev.id, ev.type, date, precision, entOf(ev.location), geo?.lat ?? null, geo?.lon ?? null, ev.negated, ev.hypothetical,
      ev.confidence, clip(d.text.slice(ev.evidence.start, ev.evidence.end)), ev.source ? src.get(ev.source)?.row ?? null : null, clusterId]);
    for (const p of ev.participants) {
      await db.run('INSERT INTO event_participants (event_id, entity_id, role, description) VALUES (?, ?, ?, ?)', [Number(r!.id), entOf(p.entity), p.role, p.description ?? null]);
    }
  }

  // Relations and claims: aggregated across articles, one evidence row per (article, source).
  for (const rel of rec.relations) {
    let a = entOf(rel.subject), b = entOf(rel.object);
    if (a == null || b == null || a === b) continue;
    if (SYMMETRIC.has(rel.type) && a > b) [a, b] = [b, a];
    const r = await db.get(`INSERT INTO relations (type, subject_id, object_id, evidence_count, first_seen, last_seen) VALUES (?, ?, ?, 1, ?, ?)
      ON CONFLICT (type, subject_id, object_id) DO UPDATE SET evidence_count = relations.evidence_count + 1,
      first_seen = CASE WHEN relations.first_seen > excluded.first_seen THEN excluded.first_seen ELSE relations.first_seen END,
      last_seen = CASE WHEN relations.last_seen < excluded.last_seen THEN excluded.last_seen ELSE relations.last_seen END
      RETURNING id`, [rel.type, a, b, seen, seen]);
    const text = clip(rel.evidence.map((s) => d.text.slice(s.start, s.end)).join(' … '));
    const srcs = rel.sources.map((s) => src.get(s)).filter((s) => s !== undefined);
    for (const s of srcs.length ? srcs : [null]) {
      await db.run(`INSERT INTO relation_evidence (relation_id, article_seq, cluster_id, outlet_key, source_key, anonymous, text, confidence, seen)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [Number(r!.id), seq, clusterId, outlet, s?.key ?? null, s ? s.anonymous : null, text, rel.confidence, seen]);
    }
  }
  for (const c of rec.claims) {
    const subject = entOf(c.subject);
    // Same claim across articles: same subject and same numbers, else the same content words.
    const nums = c.quantities.map((qid) => rec.quantities.find((q) => q.id === qid)).filter((q) => q && q.low != null)
      .map((q) => `${q!.low}-${q!.high ?? q!.low}`).sort();
    const key = nums.length && subject != null ? `q:${subject}:${nums.join(',')}` : `t:${textKey(c.text).slice(0, 300)}`;
    const r = await db.get(`INSERT INTO claims (claim_key, text, subject_id, evidence_count, first_seen, last_seen) VALUES (?, ?, ?, 1, ?, ?)
      ON CONFLICT (claim_key) DO UPDATE SET evidence_count = claims.evidence_count + 1,
      first_seen = CASE WHEN claims.first_seen > excluded.first_seen THEN excluded.first_seen ELSE claims.first_seen END,
      last_seen = CASE WHEN claims.last_seen < excluded.last_seen THEN excluded.last_seen ELSE claims.last_seen END
      RETURNING id`, [key, clip(c.text), subject, seen, seen]);
    const s = c.source ? src.get(c.source) : undefined;
    await db.run(`INSERT INTO claim_evidence (claim_id, article_seq, cluster_id, outlet_key, source_key, anonymous, text, stance, seen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [Number(r!.id), seq, clusterId, outlet, s?.key ?? null, s ? s.anonymous : null, clip(c.text), c.stance ?? null, seen]);
  }
  const nearDuplicateOf = cluster ? (await db.get('SELECT id FROM articles WHERE seq = ?', [cluster.seq]))!.id as string : null;
  return { status: 'stored', id: d.id, clusterId, nearDuplicateOf, similarity: cluster?.sim ?? null, republication: d.republication };
}

/** Tokens of a person name that conflict: "Sami Sadat" vs "Ahmad Sadat" (different given names). */
function personConflict(a: string, b: string): boolean {
  const x = a.split(' '), y = b.split(' ');
  if (x.length < 2 || y.length < 2) return false;
  const fx = x[0], fy = y[0];
  return !(fx === fy || (fx.length === 1 && fy.startsWith(fx)) || (fy.length === 1 && fx.startsWith(fy)));
}

/**
 * Find or create the corpus entity for an article entity. Order: knowledge-base id; exact name;
 * a unique match on a multi-word alias; a unique match on a one-word alias. A match shared by
 * several corpus entities is ambiguous and is not merged (a bare surname of two people).
 */
async function resolveEntity(db: Db, e: Entity, seen: string, counted: Set<number>): Promise<number> {
  const nameKey = aliasKey(e.name) || e.name.toLowerCase();
  const keys = [...new Set([e.name, ...e.aliases].map(aliasKey).filter((k) => k.length > 0))];
  if (!keys.includes(nameKey)) keys.push(nameKey);
  const kb = e.kb ? `${e.kb.source}:${e.kb.id}` : null;
  const country = e.geo?.country ?? null;
  let id: number | null = null;
  if (kb) id = (await db.get('SELECT id FROM entities WHERE kb_key = ? AND type = ? LIMIT 1', [kb, e.type]))?.id ?? null;
  if (id == null) {
    const rows = await db.all(`SELECT ea.alias_key, en.id, en.name_key, en.country, en.kb_key, en.mention_count FROM entity_aliases ea
      JOIN entities en ON en.id = ea.entity_id WHERE en.type = ? AND ea.alias_key IN (${keys.map(() => '?').join(',')})`, [e.type, ...keys]);
    // A one-word person name also matches corpus persons by surname ("Sadat" vs "Sami Sadat", "Ahmad Sadat").
    // These rows only count as one-word matches, where all that matters is one entity or several, so
    // two (filtered on country and KB id as `ok` does below) are enough: a common surname has thousands.
    if (e.type === 'PERSON' && !nameKey.includes(' ')) {
      rows.push(...(await db.all(`SELECT name_key AS alias_key, id, name_key, country, kb_key, mention_count FROM entities
        WHERE surname_key = ? AND type = 'PERSON' AND (CAST(? AS TEXT) IS NULL OR country IS NULL OR country = ?)
        AND (CAST(? AS TEXT) IS NULL OR kb_key IS NULL OR kb_key = ?) LIMIT 2`, [nameKey, country, country, kb, kb])).map((r) => ({ ...r, alias_key: nameKey })));
    }
    const ok = rows.filter((r) => !(country && r.country && r.country !== country) && !(kb && r.kb_key && r.kb_key !== kb)
      && !(e.type === 'PERSON' && personConflict(nameKey, r.name_key)));
    const ids = (rs: typeof ok) => [...new Set(rs.map((r) => Number(r.id)))];
    const exact = ok.filter((r) => r.name_key === nameKey).sort((a, b) => b.mention_count - a.mention_count);
    const multi = ids(ok.filter((r) => r.alias_key.includes(' ')));
    const single = ids(ok.filter((r) => !r.alias_key.includes(' ')));
    if (exact.length) id = Number(exact[0].id);
    else if (multi.length === 1) id = multi[0];
    else if (multi.length === 0 && single.length === 1) id = single[0];
  }
  const n = e.mentions.length;
  if (id == null) {
    const surname = e.type === 'PERSON' && nameKey.includes(' ') ? nameKey.slice(nameKey.lastIndexOf(' ') + 1) : null;
    const r = await db.get(`INSERT INTO entities (name, name_key, surname_key, type, subtype, kb_key, country, lat, lon, mention_count, article_count, first_seen, last_seen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
    [e.name, nameKey, surname, e.type, e.subtype ?? null, kb, country, e.geo?.lat ?? null, e.geo?.lon ?? null, n, seen, seen]);
    id = Number(r!.id);
  } else {
    await db.run(`UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + ?,
      subtype = COALESCE(subtype, ?), kb_key = COALESCE(kb_key, ?), country = COALESCE(country, ?), lat = COALESCE(lat, ?), lon = COALESCE(lon, ?),
      first_seen = CASE WHEN first_seen > ? THEN ? ELSE first_seen END, last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE id = ?`,
    [n, counted.has(id) ? 0 : 1, e.subtype ?? null, kb, country, e.geo?.lat ?? null, e.geo?.lon ?? null, seen, seen, seen, seen, id]);
  }
  counted.add(id);
  // Every surface spelling is kept (al-Qaeda, Al Qaeda); lookups go through the normalised key.
  for (const a of new Set([e.name, ...e.aliases])) {
    const k = aliasKey(a);
    if (!k) continue;
    await db.run(`INSERT INTO entity_aliases (alias_key, entity_id, alias, count) VALUES (?, ?, ?, 1)
      ON CONFLICT (alias_key, entity_id, alias) DO UPDATE SET count = entity_aliases.count + 1`, [k, id, a]);
  }
  return id;
}
