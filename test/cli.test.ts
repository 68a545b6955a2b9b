import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli, EXAMPLE } from './helpers.js';
import { validateRecord } from '../src/record/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-cli-'));

test('analyze emits a schema-valid record for the example', () => {
  const r = runCli(['analyze', EXAMPLE, '--published', '2021-05-10']);
  assert.equal(r.code, 0, r.stderr);
  const rec = JSON.parse(r.stdout);
  assert.deepEqual(validateRecord(rec), []);
  assert.equal(rec.document.published, '2021-05-10');
  assert.match(rec.document.id, /^sha256:[0-9a-f]{64}$/);
});

test('analyze reads stdin with -', () => {
  const r = runCli(['analyze', '-', '--format', 'json'], 'The Taliban said on Monday that it had captured Kunduz.\n');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(validateRecord(JSON.parse(r.stdout)), []);
});

test('analyze --format text prints a readable summary', () => {
  const r = runCli(['analyze', EXAMPLE, '--published', '2021-05-10', '--format', 'text']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Taliban/);
  assert.doesNotMatch(r.stdout, /^\{/);
});

test('--help works on every command', () => {
  for (const args of [['--help'], ['analyze', '--help']]) {
    const r = runCli(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /Usage: dossier/);
  }
});

const bad: [string, () => string, RegExp][] = [
  ['missing file', () => join(tmp, 'nope.txt'), /no such file/],
  ['directory', () => { const d = join(tmp, 'dir'); mkdirSync(d, { recursive: true }); return d; }, /directory/],
  ['empty file', () => { const f = join(tmp, 'empty.txt'); writeFileSync(f, ''); return f; }, /empty/],
  ['gzip file', () => { const f = join(tmp, 'a.gz'); writeFileSync(f, gzipSync(Buffer.from('hello world '.repeat(100)))); return f; }, /binary|gzip/],
  ['HTML with no body', () => { const f = join(tmp, 'nobody.html'); writeFileSync(f, '<!doctype html><html><head><title>x</title></head><body></body></html>'); return f; }, /no article text/],
  ['60 MB file', () => { const f = join(tmp, 'big.txt'); const fd = openSync(f, 'w'); ftruncateSync(fd, 60 * 1024 * 1024); closeSync(fd); return f; }, /too large/],
  ['png file', () => { const f = join(tmp, 'a.png'); writeFileSync(f, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)])); return f; }, /binary|PNG/i],
];
for (const [name, make, re] of bad) {
  test(`bad input: ${name} → exit 2, one line naming the file, nothing on stdout`, () => {
    const f = make();
    const r = runCli(['analyze', f]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, re);
    assert.ok(r.stderr.includes(f), r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
}

test('bad input: invalid --published → exit 2', () => {
  for (const d of ['2021-13-01', '2021-02-30', 'yesterday']) {
    const r = runCli(['analyze', EXAMPLE, '--published', d]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--published.*invalid date/);
  }
});

test('hostile HTML never leaks markup into document.text', () => {
  const f = join(tmp, 'hostile.html');
  writeFileSync(f, `<!doctype html><html><head><title>Raid <script>alert(1)</script> on depot</title>
<script>document.write("<p>injected</p>")</script><style>p{color:red}</style></head><body><article>
<h1 onclick="alert(2)">Raid on depot</h1>
<p>Militants attacked a fuel depot on Tuesday, officials said, and <a href="javascript:alert(3)">five guards</a> were wounded in the raid.</p>
<p onmouseover="alert(4)">The provincial governor said security forces had repelled the attack after a two-hour gun battle near the depot.</p>
<img src=x onerror="alert(5)"><iframe src="javascript:alert(6)"></iframe>
<p>Police later arrested three suspects in the nearby village, according to a statement from the interior ministry.</p>
</article></body></html>`);
  const r = runCli(['analyze', f, '--published', '2021-05-10']);
  assert.equal(r.code, 0, r.stderr);
  const rec = JSON.parse(r.stdout);
  assert.match(rec.document.text, /fuel depot/);
  assert.doesNotMatch(rec.document.text, /<|>|alert\(|javascript:|onerror|onclick|color:red|injected/);
  assert.doesNotMatch(rec.document.title ?? '', /<script/);
});
