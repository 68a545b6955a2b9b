import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
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
