// The corpus store: the same suite against SQLite and (when DOSSIER_TEST_PG is set) PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, openStore, type Store } from '../src/store/index.js';
import { bandKeys, minhash, sigToHex, similarity } from '../src/store/minhash.js';
import { migrate } from '../src/store/migrations.js';
import { aliasKey, outletKey } from '../src/store/normalize.js';
import { A, A2, B, C, makeRecord } from './fixtures/store/records.js';
import type { Geo } from '../src/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-store-'));
const PG = process.env.DOSSIER_TEST_PG;

test('alias and outlet keys', () => {
  assert.equal(aliasKey('al-Qaeda'), aliasKey('Al Qaeda'));
  assert.equal(aliasKey('The Taliban'), 'taliban');
  assert.equal(outletKey('The Daily Beast'), outletKey('dailybeast.com'));
});

test('MinHash: a lightly edited copy is similar, another story is not', () => {
  const a = minhash(A.document.text)!, a2 = minhash(A2.document.text)!, b = minhash(B.document.text)!;
  assert.ok(similarity(a, a2) >= 0.6, `copy similarity ${similarity(a, a2)}`);
  assert.ok(similarity(a, b) < 0.2, `unrelated similarity ${similarity(a, b)}`);
});

test('MinHash signatures are stable across versions (stored signatures stay comparable)', () => {
  // Pinned from the first implementation: a change to shingling or hashing must come with a migration.
  const s = minhash('Taliban fighters moved into Nahr-e-Seraj district of Helmand province last month, officials said on Monday.')!;
  assert.equal(sigToHex(s).slice(0, 64), 'd675b70983973c1a383c45141e389419b125aa4a2209a0331091de0cde34df14');
  assert.equal(minhash('too short to compare'), null);
});

async function pgUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  // A private schema per run keeps runs apart and leaves nothing behind.
  const schema = `dossier_test_${process.pid}_${Date.now()}`;
  const c = new pg.Client({ connectionString: PG }); await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  const url = `${PG}${PG!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return { url, drop: async () => { await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end(); } };
}

const backends: [string, (() => Promise<{ url: string; drop: () => Promise<void> }>) | null, string?][] = [
  ['sqlite', async () => ({ url: join(tmp, `s${Date.now()}.db`), drop: async () => {} })],
  ['postgres', PG ? pgUrl : null, 'DOSSIER_TEST_PG is not set (a postgres:// URL; .ci/run starts a local cluster)'],
];

for (const [name, make, why] of backends) {
  describe(`store (${name})`, { skip: make ? false : `skipped: ${why}` }, () => {
    let store: Store; let url: string; let drop: () => Promise<void>;
    before(async () => {
      ({ url, drop } = await make!());
      store = await openStore(url);
      for (const r of [A, A2, B, C]) await store.addArticle(r);
    });
    after(async () => { await store?.close(); await drop?.(); });

    test('idempotent: the same article twice is stored once', async () => {
      const r = await store.addArticle(A, { uri: 'https://elsewhere.example/a' });
      assert.equal(r.status, 'duplicate');
      const s = await store.stats();
      assert.equal(s.articles, 4);
      assert.equal(s.exact_copies, 1);
    });

    test('near-duplicate clustering puts the republished copy with the original', async () => {
      const s = await store.stats();
      assert.equal(s.clusters, 1);
      assert.equal(s.near_duplicates, 1);
      assert.equal(s.republications, 1);
      const [c] = await store.clusters();
      assert.equal(c.size, 2);
      assert.deepEqual(c.members.map((m) => m.id).sort(), [A.document.id, A2.document.id].sort());
    });

    test('entities merge across spellings; an ambiguous bare surname stays apart', async () => {
      const [aq] = await store.entity('al Qaeda');
      assert.equal(aq.name, 'Al Qaeda');
      assert.equal(aq.article_count, 3);
      assert.ok(aq.aliases.some((a) => a.alias === 'al-Qaeda'));
      const sadats = await store.entity('Sadat');
      assert.equal(sadats.length, 2, 'Sami Sadat and the unmerged bare Sadat');
      const [ahmad] = await store.entity('Ahmad Sadat');
      assert.equal(ahmad.article_count, 1);
      const [sami] = await store.entity('Sami Sadat');
      assert.equal(sami.article_count, 2);
      assert.notEqual(sami.id, ahmad.id);
      const bare = sadats.find((e) => e.name === 'Sadat')!;
      assert.ok(bare && bare.id !== sami.id && bare.id !== ahmad.id);
    });

    test('a bare surname joins the one corpus person with that surname whose country does not conflict', async () => {
      // A store of its own: these persons would change the counts the other tests check.
      const { url: u2, drop: d2 } = await make!();
      const s2 = await openStore(u2);
      try {
        const geo = (country: string): Geo => ({ lat: 0, lon: 0, country, feature: 'country', source: 'test', id: null });
        const person = (text: string, name: string, country?: string) =>
          makeRecord({ text, entities: [{ id: 'e1', name, type: 'PERSON', geo: country ? geo(country) : null }] });
        await s2.addArticle(person('Wali Zadran, a district governor, spoke to elders in the market on Sunday morning.', 'Wali Zadran'));
        await s2.addArticle(person('Musa Hotak, a trader from Quetta, said the border crossing had been closed since Friday.', 'Musa Hotak', 'PK'));
        await s2.addArticle(person('Karim Hotak, a police officer in Kandahar, said the checkpoint was attacked at night.', 'Karim Hotak', 'AF'));
        // unique surname: merged
        await s2.addArticle(person('Zadran later told reporters that the talks with the elders had gone well.', 'Zadran'));
        const [wali] = await s2.entity('Wali Zadran');
        assert.equal(wali.article_count, 2);
        assert.ok(!(await s2.entity('Zadran')).some((e) => e.name === 'Zadran'), 'no separate bare Zadran');
        // two Hotaks, but only one whose country agrees: merged into him
        await s2.addArticle(person('Hotak said the attackers fled toward the hills before dawn, officials said.', 'Hotak', 'AF'));
        const [karim] = await s2.entity('Karim Hotak');
        assert.equal(karim.article_count, 2);
        // with no country to tell them apart, a bare Hotak is ambiguous: kept apart
        await s2.addArticle(person('Hotak was not available for comment on Tuesday, his office said in a statement.', 'Hotak'));
        assert.ok((await s2.entity('Hotak')).some((e) => e.name === 'Hotak'), 'an unmerged bare Hotak');
      } finally { await s2.close(); await d2(); }
    });

    test('relations aggregate with corroboration: a republished copy counts once', async () => {
      const [tal] = await store.entity('Taliban');
      const rel = tal.relations.find((r) => r.type === 'allied_with')!;
      assert.ok(rel, 'allied_with relation');
      assert.equal(rel.corroboration.articles, 3);
      assert.equal(rel.corroboration.outlets, 2, 'Daily Beast (original + copy) and Reuters');
      assert.equal(rel.corroboration.sources, 2);
      assert.equal(rel.corroboration.named_sources, 1);
      assert.equal(rel.corroboration.anonymous_sources, 1);
      assert.equal(rel.corroboration.first_seen, '2021-05-10');
      assert.equal(rel.corroboration.last_seen, '2021-06-01');
      assert.equal((await store.stats()).relations, 1, 'symmetric relation stored once');
    });

    test('quotes by and about an entity', async () => {
      const [m] = await store.entity('Zabihullah Mujahid');
      assert.deepEqual(m.quotes_by.map((q) => q.text), ['we have no foreign fighters']);
      const [kabul] = await store.entity('Kabul');
      assert.equal(kabul.quotes_about[0].speaker, 'Ahmad Sadat');
      assert.ok(kabul.events.length >= 2);
    });

    test('full-text search with snippets', async () => {
      const hits = await store.search('intelligence official');
      assert.equal(hits.length, 1);
      assert.equal(hits[0].id, B.document.id);
      assert.match(hits[0].snippet, /\[intelligence\]/i);
      assert.deepEqual(await store.search('"unbalanced AND ('), [], 'user text is not query syntax');
    });

    test('events by type, date and place (name and radius)', async () => {
      assert.deepEqual((await store.events({ type: 'airstrike' })).map((e) => e.location), ['Kunduz']);
      assert.equal((await store.events({ from: '2021-05-30', to: '2021-05-31' })).length, 2);
      assert.equal((await store.events({ to: '2021-05' })).length, 3, 'a month bound covers the whole month');
      assert.equal((await store.events({ near: 'Kabul' })).length, 2);
      const near = await store.events({ near: 'Kabul', km: 300 });
      assert.ok(near.some((e) => e.type === 'airstrike' && e.distance_km! > 200), 'Kunduz is ~250 km from Kabul');
      assert.equal((await store.events({ near: 'Kabul', km: 50 })).length, 2);
    });

    test('sources: named and anonymous', async () => {
      const anon = await store.sources({ anonymous: true });
      assert.equal(anon.length, 1);
      assert.equal(anon[0].description, 'a senior Afghan intelligence official');
      const all = await store.sources();
      assert.ok(all.some((s) => s.name === 'Zabihullah Mujahid' && s.articles === 2));
    });

    test('one transaction per article: a failing write leaves no partial rows', async () => {
      const bad = makeRecord({ text: 'The Taliban said something entirely new about the war in the north of the country today.', entities: [{ id: 'e1', name: 'Taliban', type: 'ORG' }] });
      (bad as any).quotes = [{ id: 'q1', start: 0, end: 3, text: null, direct: true, source: null }]; // violates NOT NULL after the article row
      const before = await store.stats();
      await assert.rejects(store.addArticle(bad), /write failed/);
      const after = await store.stats();
      assert.deepEqual(after, before);
      assert.equal((await store.search('entirely new')).length, 0);
    });

    test('a version-2 store migrates to version 3 and keeps clustering and merging with what it held', async () => {
      // A store as version 2 wrote it: A's signature in its articles row, its LSH keys, an alias row.
      const old = await make!();
      try {
        const db = await openDb(old.url);
        await migrate(db, 2);
        const d = A.document, sig = minhash(d.text)!;
        const row = await db.get(`INSERT INTO articles (id, uri, title, publisher, original_publisher, republication, published, language, text,
          quotes_text, record, body_hash, signature, cluster_id, outlet_key, similarity, ingested_at)
          VALUES (?, NULL, ?, ?, NULL, 0, ?, 'en', ?, '', ?, 'x', ?, ?, ?, NULL, '2021-05-10') RETURNING seq`,
        [d.id, d.title, d.publisher, d.published, d.text, JSON.stringify(A), sigToHex(sig), d.id, outletKey(d.publisher)]);
        await db.run('INSERT INTO clusters (id, size, outlet_key, title, first_seen, last_seen) VALUES (?, 1, ?, ?, ?, ?)', [d.id, outletKey(d.publisher), d.title, d.published, d.published]);
        for (const k of bandKeys(sig)) await db.run('INSERT INTO lsh (key, article_seq) VALUES (?, ?)', [k, row!.seq]);
        const e = await db.get(`INSERT INTO entities (name, name_key, type, mention_count, article_count, first_seen, last_seen)
          VALUES ('Al Qaeda', ?, 'ORG', 1, 1, ?, ?) RETURNING id`, [aliasKey('Al Qaeda'), d.published, d.published]);
        await db.run('INSERT INTO entity_aliases (alias_key, entity_id, alias, count) VALUES (?, ?, ?, 1)', [aliasKey('Al Qaeda'), e!.id, 'Al Qaeda']);
        await db.close();

        const s = await openStore(old.url);
        try {
          assert.equal((await s.stats()).schema_version, 3);
          const r = await s.addArticle(A2);
          assert.equal(r.nearDuplicateOf, A.document.id, 'the copy finds the article stored before the migration');
          assert.equal(r.clusterId, A.document.id);
          const [aq] = await s.entity('Al Qaeda');
          assert.deepEqual(aq.aliases, [{ alias: 'Al Qaeda', count: 2 }], 'the alias row from before the migration is counted, not duplicated');
          assert.equal(aq.article_count, 2);
        } finally { await s.close(); }
      } finally { await old.drop(); }
    });

    test('migrations are recorded and not re-applied on reopen', async () => {
      const again = await openStore(url);
      assert.equal((await again.stats()).schema_version, 3);
      assert.equal((await again.stats()).articles, 4);
      await again.close();
    });
  });
}

test('opening a store in an unwritable place names the database', async () => {
  await assert.rejects(openStore('/proc/nonexistent/dossier.db'), /\/proc\/nonexistent\/dossier\.db: cannot open database/);
});
