// Group commit (SQLite): several articles per transaction, each still all-or-nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
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
