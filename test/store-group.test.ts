// Group commit (SQLite): several articles per transaction, each still all-or-nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index.js';
import { A, B, C, makeRecord } from './fixtures/store/records.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-group-'));
const count = (db: string) => { const d = new Database(db, { readonly: true }); try { return (d.prepare('SELECT COUNT(*) AS n FROM articles').get() as any).n as number; } finally { d.close(); } };

test('a failed article in a group rolls back alone; the others are committed by flush, not before', async () => {
  const db = join(tmp, 'g.db');
  const store = await openStore(db);
  await store.groupCommit({ count: 100, ms: 60000 });
  await store.addArticle(A);
  const bad = makeRecord({ text: 'The Taliban said something entirely new about the war in the north of the country today.', entities: [{ id: 'e1', name: 'Taliban', type: 'ORG' }] });
  (bad as any).quotes = [{ id: 'q1', start: 0, end: 3, text: null, direct: true, source: null }]; // fails after the article row
  await assert.rejects(store.addArticle(bad), /write failed/);
  await store.addArticle(B);
  assert.equal((await store.addArticle(A)).status, 'duplicate', 'an uncommitted article of the group is seen');
  assert.equal(count(db), 0, 'nothing committed yet');
  await store.flush();
  assert.equal(count(db), 2);
  const s = await store.stats();
  assert.equal(s.articles, 2);
  assert.equal((await store.search('entirely new')).length, 0, 'no partial rows of the failed article');
  await store.addArticle(C);
  await store.close(); // commits the open group
  assert.equal(count(db), 3);
});

test('group commit by count and by time', async () => {
  const db = join(tmp, 't.db');
  const store = await openStore(db);
  await store.groupCommit({ count: 2, ms: 50 });
  await store.addArticle(A);
  assert.equal(count(db), 0);
  await store.addArticle(B);
  assert.equal(count(db), 2, 'committed at the count');
  await store.addArticle(C);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(count(db), 3, 'committed by the timer');
  await store.close();
});

test('group commit checkpoints the WAL in the background: the database file catches up without the writer doing it', async () => {
  const db = join(tmp, 'c.db');
  const store = await openStore(db);
  await store.groupCommit({ count: 2, ms: 60000 });
  const before = statSync(db).size;
  await store.addArticle(A);
  await store.addArticle(B); // committed here; the background thread is asked to checkpoint
  // The writer's own auto-checkpoint starts at 1,000 WAL pages; two articles are far fewer, so only
  // the background checkpoint can copy their pages into the database file.
  const d = new Database(db, { readonly: true });
  const pages = (d.pragma('page_count', { simple: true }) as number) * (d.pragma('page_size', { simple: true }) as number);
  d.close();
  const deadline = Date.now() + 10000;
  while (statSync(db).size < pages && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(before < pages, 'the two articles added pages');
  assert.equal(statSync(db).size, pages, 'the database file holds every committed page');
  await store.addArticle(C);
  await store.groupCommit(null); // commits, stops the thread, the writer checkpoints again
  await store.addArticle(makeRecord({ text: 'A fourth article about the ceasefire talks in Doha and what the delegations said.', entities: [] }));
  await store.close();
  assert.equal(count(db), 4);
  assert.equal(statSync(db + '-wal', { throwIfNoEntry: false })?.size ?? 0, 0, 'close checkpointed and removed the WAL');
});

test('with background checkpoints the WAL is rewound at each group instead of growing', async () => {
  const db = join(tmp, 'w.db');
  const store = await openStore(db);
  await store.groupCommit({ count: 1, ms: 60000 });
  // Long articles, built up front: the next group starts at once, before a lazy checkpoint could finish.
  const recs = Array.from({ length: 12 }, (_, i) => makeRecord({ text: Array.from({ length: 150 }, (_, j) =>
    `Dispatch ${i}.${j}: officials in Kandahar said ${i * 1000 + j} convoys crossed the border at Spin Boldak on Tuesday.`).join(' '), entities: [] }));
  const sizes: number[] = [];
  for (const r of recs) {
    await store.addArticle(r);
    sizes.push(statSync(db + '-wal').size);
  }
  await store.close();
  assert.equal(count(db), 12);
  // Each group writes a similar number of pages; a WAL that is never rewound grows by that each time.
  assert.ok(sizes[11] < 2 * sizes[2], `WAL sizes after each group: ${sizes.join(' ')}`);
});
