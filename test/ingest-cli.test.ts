// `dossier ingest` and `dossier query` end to end: idempotence, bad inputs, URLs and feeds from a
// loopback server, WARC, read-only and full disks, and a SIGKILL mid-batch followed by a re-run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { BIN, ROOT, runCli } from './helpers.js';
import { ARTICLE_HTML, warcResponse } from './fixtures/store/warc.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-ingest-'));
chmodSync(tmp, 0o755);
const FIX = join(ROOT, 'test/fixtures/store');

/** Run the CLI without blocking this process (the loopback server must keep answering). */
function runAsync(args: string[], opts: { uid?: number; gid?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, ...opts });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d)); p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const summary = (r: { stdout: string }) => JSON.parse(r.stdout);

/** n distinct small articles built from the fixture's paragraphs. */
function makeFolder(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  const paras = [...ARTICLE_HTML.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]);
  const places = ['Kunduz', 'Herat', 'Kandahar', 'Mazar-i-Sharif', 'Jalalabad', 'Ghazni', 'Helmand', 'Baghlan', 'Faryab', 'Badakhshan'];
  for (let i = 0; i < n; i++) {
    const place = places[i % places.length];
    const body = [`Report ${i}: fighting near ${place} continued for a ${i + 2}th day, residents said, and ${i * 7 + 3} families were displaced.`,
      ...paras.filter((_, k) => (k + i) % 3 !== 0).map((p) => p.replaceAll('Kunduz', place))].join('\n\n');
    writeFileSync(join(dir, `article-${String(i).padStart(3, '0')}.txt`), body + '\n');
  }
}

test('ingest a folder: stored, skipped bad inputs named, exit 2; the re-run stores nothing new', async () => {
  const dir = join(tmp, 'f1'); makeFolder(dir, 4);
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'page.html'), ARTICLE_HTML);
  // a scraped, lightly edited copy of the page: same story plus one added paragraph, boilerplate around it
  // (an unedited copy cleans to the very same body and is an exact duplicate, not a near one)
  writeFileSync(join(dir, 'scraped.txt'), ARTICLE_HTML.replace(/<[^>]+>/g, '\n').replace(/\n{2,}/g, '\n\n').trim() +
    '\n\nThe report was updated later in the day with figures from the provincial health office, officials said.\n\nSource link\n');
  const db = join(tmp, 'f1.db');
  const r1 = runCli(['ingest', dir, join(tmp, 'missing-dir'), '--db', db, '--json', '--workers', '2']);
  assert.equal(r1.code, 2, r1.stderr);
  const s1 = summary(r1);
  assert.equal(s1.stored, 6);
  assert.deepEqual(s1.failed.map((f: any) => f.input.replace(tmp, '')).sort(), ['/f1/empty.txt', '/missing-dir'].sort());
  assert.match(s1.failed.find((f: any) => f.input.endsWith('empty.txt')).reason, /empty/);
  assert.ok(s1.near_duplicates >= 1, 'the scraped copy joins the page\'s cluster');
  const r2 = runCli(['ingest', dir, '--db', db, '--json']);
  assert.equal(r2.code, 2); // empty.txt still fails
  assert.equal(summary(r2).stored, 0);
  assert.equal(summary(r2).duplicates, 6);

  const st = runCli(['query', 'stats', '--db', db, '--format', 'json']);
  assert.equal(st.code, 0, st.stderr);
  const stats = JSON.parse(st.stdout);
  assert.equal(stats.articles, 6);
  assert.ok(stats.clusters >= 1 && stats.top_clusters[0].size >= 2);
  const table = runCli(['query', 'stats', '--db', db]);
  assert.match(table.stdout, /articles\s+6/);
  assert.match(table.stdout, /largest near-duplicate clusters/);
  const search = runCli(['query', 'search', 'families', 'displaced', '--db', db, '--format', 'json']);
  assert.ok(JSON.parse(search.stdout).length >= 4);
  const ent = runCli(['query', 'entity', 'Kunduz', '--db', db]);
  assert.equal(ent.code, 0, ent.stderr);
  assert.match(ent.stdout, /Kunduz/);
  assert.equal(runCli(['query', 'entity', 'Nobody Here', '--db', db]).stdout, 'no entity named "Nobody Here"\n');
  for (const q of [['events', '--from', '2020'], ['sources'], ['sources', '--anonymous'], ['clusters']]) {
    const r = runCli(['query', ...q, '--db', db]);
    assert.equal(r.code, 0, `${q.join(' ')}: ${r.stderr}`);
  }
  const bad = runCli(['query', 'events', '--from', '2021-13-01', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--from: invalid date/);
});

let server: http.Server; let base = ''; let hits = 0;
before(async () => {
  server = http.createServer((req, res) => {
    hits++;
    const u = req.url ?? '/';
    if (u === '/article') { res.setHeader('content-type', 'text/html'); res.end(ARTICLE_HTML); }
    else if (u === '/feed') {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>
        <item><title>Kunduz</title><link>${base}/article</link><pubDate>Sun, 20 Jun 2021 08:00:00 GMT</pubDate><description>teaser</description></item>
        <item><title>Gone</title><link>${base}/gone</link><description>teaser</description></item></channel></rss>`);
    } else if (u === '/broken-feed') { res.setHeader('content-type', 'application/rss+xml'); res.end('<rss><channel><item><title>x</item></channel>'); }
    else { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => { server.closeAllConnections(); server.close(); });

test('URLs and feeds: refused by default without a request; with --allow-private fetched, errors named', async () => {
  const db = join(tmp, 'net.db');
  hits = 0;
  const refused = await runAsync(['ingest', `${base}/article`, '--db', db, '--json']);
  assert.equal(refused.code, 2);
  assert.match(summary(refused).failed[0].reason, /refused: 127\.0\.0\.1 is a loopback address/);
  assert.equal(hits, 0);
  const r = await runAsync(['ingest', `${base}/feed`, `${base}/broken-feed`, 'http://127.0.0.1:1/x', '--db', db, '--json', '--allow-private', '--workers', '1']);
  assert.equal(r.code, 2, r.stderr);
  const s = summary(r);
  assert.equal(s.stored, 1);
  const reasons = Object.fromEntries(s.failed.map((f: any) => [f.input.replace(base, ''), f.reason]));
  assert.match(reasons['/gone'], /HTTP 404/);
  assert.match(reasons['/broken-feed'], /broken feed XML/);
  assert.match(reasons['http://127.0.0.1:1/x'], /ECONNREFUSED/);
  const st = JSON.parse(runCli(['query', 'search', 'Chardara', '--db', db, '--format', 'json']).stdout);
  assert.equal(st[0].published, '2021-06-20', 'the feed item date is used');
});

test('WARC input, and a corrupt WARC reported by name after its good records', () => {
  const w = join(tmp, 'crawl.warc.gz');
  writeFileSync(w, Buffer.concat([warcResponse('https://news.example/k', 'text/html', Buffer.from(ARTICLE_HTML))].map((b) => b)));
  const bad = join(tmp, 'bad.warc');
  writeFileSync(bad, Buffer.concat([warcResponse('https://news.example/h', 'text/html', Buffer.from(ARTICLE_HTML.replaceAll('Kunduz', 'Herat').replace('Sunday', 'Monday'))), Buffer.from('NOT WARC\r\n\r\n')]));
  const r = runCli(['ingest', w, bad, '--db', join(tmp, 'warc.db'), '--json', '--workers', '1']);
  assert.equal(r.code, 2, r.stderr);
  const s = summary(r);
  assert.equal(s.stored + s.duplicates, 2);
  assert.equal(s.failed.length, 1);
  assert.equal(s.failed[0].input, bad);
  assert.match(s.failed[0].reason, /corrupt WARC at byte/);
});

test('read-only database location: one clear line naming the database, exit 2', { skip: process.platform !== 'linux' && 'linux only' }, async (t) => {
  const ro = join(tmp, 'ro'); mkdirSync(ro); chmodSync(ro, 0o555);
  const db = join(ro, 'x.db');
  // root ignores permission bits, so run the CLI as nobody when we are root
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  if ('uid' in asUser) {
    const can = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}); require('fs').accessSync(${JSON.stringify(join(ROOT, 'node_modules'))})`], asUser);
    if (can.status !== 0) return t.skip('the checkout is not readable by user nobody (needed to test permissions as root)');
  }
  const r = await runAsync(['ingest', join(FIX, 'article.html'), '--db', db], asUser);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^dossier: ${db.replace(/[/.]/g, '\\$&')}: cannot open database`));
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('disk full: the batch stops with a message naming the database; stored articles are whole', (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to mount a tiny tmpfs');
  const mnt = join(tmp, 'full'); mkdirSync(mnt);
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', mnt]);
  if (m.status !== 0) return t.skip(`cannot mount tmpfs: ${m.stderr}`);
  try {
    const dir = join(tmp, 'big'); makeFolder(dir, 40);
    const db = join(mnt, 'x.db');
    const r = runCli(['ingest', dir, '--db', db, '--workers', '2']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /x\.db: (write failed|cannot open database).*(full|disk|space)/i);
    if (existsSync(db)) checkWhole(db);
  } finally { spawnSync('umount', ['-l', mnt]); }
});

/** Every stored article has all its rows: entity links match its record. */
function checkWhole(db: string): number {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d.prepare('SELECT a.seq, a.record, (SELECT COUNT(*) FROM article_entities ae WHERE ae.article_seq = a.seq) AS n FROM articles a').all() as any[];
    for (const r of rows) assert.equal(r.n, JSON.parse(r.record).entities.length, `article ${r.seq} has all its entity rows`);
    return rows.length;
  } finally { d.close(); }
}

test('SIGKILL mid-batch, then re-run: no partial articles, the batch completes without duplicates', async () => {
  // Enough articles that the kill lands mid-batch: articles are committed in groups of up to 300 or 3 s.
  const N = 700;
  const dir = join(tmp, 'kill'); makeFolder(dir, N);
  const db = join(tmp, 'kill.db');
  const p = spawn(process.execPath, [BIN, 'ingest', dir, '--db', db, '--workers', '1'], { cwd: ROOT, stdio: 'ignore' });
  const t0 = Date.now();
  let seen = 0;
  while (Date.now() - t0 < 30000) {
    await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(db)) continue;
    try { const d = new Database(db, { readonly: true, timeout: 1000 }); seen = (d.prepare('SELECT COUNT(*) AS n FROM articles').get() as any).n; d.close(); } catch { /* schema not there yet */ }
    if (seen >= 3) break;
  }
  p.kill('SIGKILL');
  await new Promise((r) => p.on('close', r));
  assert.ok(seen >= 3 && seen < N, `killed mid-batch after ${seen} articles`);
  const before = checkWhole(db);
  const r = runCli(['ingest', dir, '--db', db, '--json', '--workers', '2']);
  assert.equal(r.code, 0, r.stderr);
  const s = summary(r);
  assert.equal(s.duplicates, before, 'articles stored before the kill are recognised');
  assert.equal(s.stored + s.duplicates, N);
  assert.equal(checkWhole(db), N);
});

test('ingest: the main thread (readers, writer) never loads the pipeline, whose models live in the workers', () => {
  // A module-resolution hook lists every module the CLI process loads in its main thread (the
  // workers inherit --import; the guard keeps the hook out of them).
  const hooks = `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/dist/src/')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`;
  const register = `import { register } from 'node:module'; import { isMainThread } from 'node:worker_threads';
    if (isMainThread) register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;
  const dir = join(tmp, 'main-thread'); makeFolder(dir, 2);
  const r = spawnSync(process.execPath, ['--import', 'data:text/javascript,' + encodeURIComponent(register), BIN, 'ingest', dir, '--db', join(tmp, 'main-thread.db'), '--json'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(summary(r).stored, 2);
  const loaded = [...r.stderr.matchAll(/^LOADED (.*)$/gm)].map((m) => m[1]);
  assert.ok(loaded.some((u) => u.endsWith('/store/write.js')), 'the hook saw the writer load');
  const pipeline = loaded.filter((u) => /\/dist\/src\/(nlp|resolve|extract|clean)\/|\/record\/index\.js$/.test(u));
  assert.deepEqual(pipeline, []);
});
