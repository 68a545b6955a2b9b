// Input readers: address policy, safe fetch against a local server, feeds, WARC, globs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { blockedReason } from '../src/ingest/readers/net.js';
import { safeFetch } from '../src/ingest/readers/url.js';
import { parseFeed } from '../src/ingest/readers/feed.js';
import { readWarc } from '../src/ingest/readers/warc.js';
import { expandPath, globToRegExp } from '../src/ingest/readers/files.js';
import { readInputs } from '../src/ingest/readers/index.js';
import { warcRecord, warcResponse, ARTICLE_HTML } from './fixtures/store/warc.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-readers-'));

test('address policy: private, loopback, link-local, CGNAT, multicast, unspecified, mapped', () => {
  for (const a of ['127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '224.0.0.1',
    '0.0.0.0', '255.255.255.255', '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'fe80::1', 'fe80::1%eth0',
    'fc00::1', 'fd12:3456::1', 'ff02::1', '64:ff9b::a00:1', '2002:a00:1::', '[::1]']) {
    assert.ok(blockedReason(a), `${a} should be refused`);
  }
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '172.32.0.1', '100.128.0.1']) {
    assert.equal(blockedReason(a), null, `${a} is public`);
  }
});

let server: http.Server; let base = ''; let hits = 0;
before(async () => {
  server = http.createServer((req, res) => {
    hits++;
    const u = req.url ?? '/';
    if (u === '/article') { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(ARTICLE_HTML); }
    else if (u === '/gz') { res.setHeader('content-encoding', 'gzip'); res.setHeader('content-type', 'text/html'); res.end(gzipSync(ARTICLE_HTML)); }
    else if (u.startsWith('/hop/')) { const n = Number(u.slice(5)); res.statusCode = 302; res.setHeader('location', n > 0 ? `/hop/${n - 1}` : '/article'); res.end(); }
    else if (u === '/to-file') { res.statusCode = 301; res.setHeader('location', 'file:///etc/passwd'); res.end(); }
    else if (u === '/big') { res.setHeader('content-type', 'text/html'); res.end('x'.repeat(200_000)); }
    else if (u === '/slow') { setTimeout(() => res.end('late'), 3000).unref(); }
    else { res.statusCode = 404; res.end('no'); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => { server.closeAllConnections(); server.close(); });

test('by default loopback and private addresses are refused before any request is sent', async () => {
  const port = (server.address() as AddressInfo).port;
  hits = 0;
  for (const u of [`${base}/article`, `http://localhost:${port}/article`, `http://[::1]:${port}/article`, `http://[::ffff:127.0.0.1]:${port}/article`,
    'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/', 'http://0.0.0.0/']) {
    await assert.rejects(safeFetch(u, { timeoutMs: 2000 }), /refused/, u);
  }
  assert.equal(hits, 0, 'no request reached the server');
});

test('with allowPrivate: fetch, gzip, redirects (5 max), scheme re-check, size cap, timeout, HTTP errors', async () => {
  const o = { allowPrivate: true, timeoutMs: 2000 };
  assert.match((await safeFetch(`${base}/article`, o)).body.toString(), /Kunduz/);
  assert.match((await safeFetch(`${base}/gz`, o)).body.toString(), /Kunduz/);
  const r = await safeFetch(`${base}/hop/4`, o); // 5 redirects
  assert.equal(r.url, `${base}/article`);
  await assert.rejects(safeFetch(`${base}/hop/5`, o), /too many redirects/);
  await assert.rejects(safeFetch(`${base}/to-file`, o), /refused: file: URLs/);
  await assert.rejects(safeFetch(`${base}/big`, { ...o, maxBytes: 100_000 }), /too large/);
  await assert.rejects(safeFetch(`${base}/slow`, { ...o, timeoutMs: 300 }), /timed out/);
  await assert.rejects(safeFetch(`${base}/missing`, o), /HTTP 404/);
  await assert.rejects(safeFetch('http://127.0.0.1:1/', o), /ECONNREFUSED/);
});

const LONG = '<p>' + 'Taliban fighters advanced on Kunduz as officials in Kabul said the army would hold the city. '.repeat(20) + '</p>';
test('RSS and Atom feeds: links, dates, full-text content', () => {
  const rss = parseFeed(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
    <item><title>One</title><link>https://news.example/1</link><pubDate>Mon, 10 May 2021 08:00:00 GMT</pubDate><description>teaser</description></item>
    <item><title>Two &amp; more</title><link>https://news.example/2</link><content:encoded><![CDATA[${LONG}]]></content:encoded></item></channel></rss>`);
  assert.equal(rss.items.length, 2);
  assert.equal(rss.items[0].published, '2021-05-10');
  assert.equal(rss.items[1].title, 'Two & more');
  assert.match(rss.items[1].content!, /Kunduz/);
  const atom = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title>
    <link rel="alternate" href="https://news.example/e"/><updated>2021-06-01T00:00:00Z</updated><summary>s</summary></entry></feed>`);
  assert.deepEqual(atom.items.map((i) => [i.link, i.published]), [['https://news.example/e', '2021-06-01']]);
  assert.throws(() => parseFeed('<rss><channel><item><title>x</item></channel></rss>'), /broken feed XML.*line/);
});

test('a feed file with full-text items yields articles without fetching; teaser items are fetched', async () => {
  const f = join(tmp, 'feed.xml');
  writeFileSync(f, `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
    <item><title>Full</title><link>http://10.9.9.9/never</link><content:encoded><![CDATA[${LONG}]]></content:encoded></item>
    <item><title>Teaser</title><link>${base}/article</link><description>short</description></item></channel></rss>`);
  hits = 0;
  const items = [];
  for await (const it of readInputs([f], { allowPrivate: true, timeoutMs: 2000 })) items.push(it);
  assert.deepEqual(items.map((i) => i.kind), ['article', 'article']);
  assert.equal(hits, 1, 'only the teaser item was fetched');
});

test('WARC: response records with HTML payloads (plain, chunked+gzip), others skipped; .warc.gz per-record members', async () => {
  const recs = [
    warcRecord('warcinfo', null, 'application/warc-fields', Buffer.from('software: test\r\n')),
    warcRecord('request', 'https://news.example/a', 'application/http; msgtype=request', Buffer.from('GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n')),
    warcResponse('https://news.example/a', 'text/html', Buffer.from(ARTICLE_HTML)),
    warcResponse('https://news.example/logo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    warcResponse('https://news.example/b', 'text/html; charset=utf-8', Buffer.from(ARTICLE_HTML.replace('Kunduz', 'Herat')), { chunked: true, gzip: true }),
  ];
  const plain = join(tmp, 'a.warc'); writeFileSync(plain, Buffer.concat(recs));
  const gz = join(tmp, 'a.warc.gz'); writeFileSync(gz, Buffer.concat(recs.map((r) => gzipSync(r))));
  for (const f of [plain, gz]) {
    const out = []; for await (const w of readWarc(f)) out.push(w);
    assert.deepEqual(out.map((w) => ('uri' in w ? w.uri : w.error)), ['https://news.example/a', 'https://news.example/b'], f);
    assert.match((out[1] as any).bytes.toString(), /Herat/);
  }
});

test('corrupt and truncated WARC: earlier records survive, the error names the offset', async () => {
  const good = warcResponse('https://news.example/a', 'text/html', Buffer.from(ARTICLE_HTML));
  const f = join(tmp, 'bad.warc'); writeFileSync(f, Buffer.concat([good, Buffer.from('GARBAGE NOT A RECORD\r\n\r\n')]));
  const out = []; for await (const w of readWarc(f)) out.push(w);
  assert.equal(out.length, 2);
  assert.ok('uri' in out[0]);
  assert.match((out[1] as any).error, /corrupt WARC at byte \d+/);
  const t = join(tmp, 'trunc.warc.gz'); const z = gzipSync(Buffer.concat([good, good])); writeFileSync(t, z.subarray(0, z.length - 40));
  const out2 = []; for await (const w of readWarc(t)) out2.push(w);
  assert.ok(out2.some((w) => 'error' in w), 'truncated gzip reported');
});

test('globs and recursive folders', async () => {
  const d = join(tmp, 'tree'); mkdirSync(join(d, 'x', 'y'), { recursive: true });
  for (const p of ['a.txt', 'b.html', 'c.jpg', 'x/d.htm', 'x/y/e.txt', '.hidden.txt']) writeFileSync(join(d, p), 'text');
  const list = async (s: string) => { const o: string[] = []; for await (const p of expandPath(s)) o.push('path' in p ? p.path.slice(d.length + 1) : 'ERR ' + p.error); return o; };
  assert.deepEqual(await list(d), ['a.txt', 'b.html', 'x/d.htm', 'x/y/e.txt']);
  assert.deepEqual(await list(join(d, '**/*.txt')), ['a.txt', 'x/y/e.txt']);
  assert.deepEqual(await list(join(d, '*.htm?')), ['b.html']);
  assert.deepEqual(await list(join(d, '*.none')), ['ERR glob matched no files']);
  assert.ok(globToRegExp('x/[ab].txt').test('x/a.txt'));
});
