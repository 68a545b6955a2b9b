import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { decodeBytes, readInput, looksLikeHtml, MAX_INPUT_BYTES } from '../src/ingest/index.js';
import { InputError } from '../src/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-ingest-'));
const SAMPLE = 'Kabul café: the Taliban’s “envoy” said — on Monday — that talks résumé.\n';

test('UTF-8 without BOM', () => {
  const r = decodeBytes(Buffer.from(SAMPLE, 'utf8'), 'a.txt');
  assert.equal(r.content, SAMPLE);
  assert.equal(r.charset, 'utf-8');
  assert.equal(r.kind, 'text');
});

test('UTF-8 with BOM: BOM is dropped', () => {
  const r = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]), 'a.txt');
  assert.equal(r.content, SAMPLE);
  assert.equal(r.charset, 'utf-8');
});

test('UTF-16 LE with BOM', () => {
  const r = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]), 'a.txt');
  assert.equal(r.content, SAMPLE);
  assert.equal(r.charset, 'utf-16le');
});

test('UTF-16 BE with BOM', () => {
  const le = Buffer.from(SAMPLE, 'utf16le');
  const be = Buffer.from(le).swap16();
  const r = decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'a.txt');
  assert.equal(r.content, SAMPLE);
  assert.equal(r.charset, 'utf-16be');
});

test('windows-1252 page declared by <meta charset>', () => {
  const html = '<html><head><meta charset="windows-1252"><title>t</title></head><body><p>Caf\u00e9 “quoted” – na\u00efve</p></body></html>';
  const r = decodeBytes(iconv.encode(html, 'windows-1252'), 'a.html');
  assert.equal(r.content, html);
  assert.equal(r.kind, 'html');
  assert.equal(r.charset, 'windows-1252');
});

test('ISO-8859-1 declared by http-equiv is read as windows-1252 (WHATWG)', () => {
  const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>Fran\u00e7ois d\u00e9clare</p></body></html>';
  const r = decodeBytes(iconv.encode(html, 'latin1'), 'a.html');
  assert.equal(r.content, html);
  assert.equal(r.charset, 'windows-1252');
});

test('undeclared legacy single-byte text is detected, not mangled', () => {
  const text = 'Le pr\u00e9sident fran\u00e7ais a d\u00e9clar\u00e9 que les n\u00e9gociations \u00e9taient termin\u00e9es. '.repeat(5);
  const r = decodeBytes(iconv.encode(text, 'latin1'), 'a.txt');
  assert.equal(r.content, text);
  assert.notEqual(r.charset, 'utf-8');
});

test('newlines are normalised (CRLF, CR)', () => {
  const r = decodeBytes(Buffer.from('one\r\ntwo\rthree\n'), 'a.txt');
  assert.equal(r.content, 'one\ntwo\nthree\n');
});

test('HTML vs text detection', () => {
  assert.equal(looksLikeHtml('<!DOCTYPE html><html><body><p>x</p></body></html>'), true);
  assert.equal(looksLikeHtml('  <!-- c --> <html lang="en"><head></head></html>'), true);
  assert.equal(looksLikeHtml('Intro text then <p>one</p><p>two</p><div>three</div><br><span>x</span>'), true);
  assert.equal(looksLikeHtml('The Taliban said x < y and that <b> is a tag name.'), false);
  assert.equal(looksLikeHtml('Plain article text.\n\nSecond paragraph.'), false);
});

const throws = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof InputError && re.test(e.message));

test('bad input: binary magic numbers name the format', () => {
  const cases: [string, Buffer][] = [
    ['gzip', gzipSync(Buffer.from('hello '.repeat(50)))],
    ['PNG', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 65)])],
    ['JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 65)])],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 65)])],
  ];
  for (const [name, bytes] of cases) throws(() => decodeBytes(bytes, 'f.bin'), new RegExp(`binary file \\(${name}\\), not an article`));
});

test('bad input: NUL bytes and control-character soup are binary', () => {
  throws(() => decodeBytes(Buffer.from('some text\u0000more text here'), 'f'), /binary file \(contains NUL bytes\)/);
  const soup = Buffer.alloc(400);
  for (let i = 0; i < soup.length; i++) soup[i] = i % 3 === 0 ? 0x41 : 1 + (i % 7);
  throws(() => decodeBytes(soup, 'f'), /binary file \(control characters\)/);
});

test('bad input: empty and whitespace-only', () => {
  throws(() => decodeBytes(Buffer.alloc(0), 'e.txt'), /empty/);
  throws(() => decodeBytes(Buffer.from('  \n\t\r\n  '), 'e.txt'), /empty/);
});

test('bad input: missing file and directory, named in the message', () => {
  throws(() => readInput(join(tmp, 'nope.txt')), /nope\.txt: no such file/);
  const d = join(tmp, 'dir'); mkdirSync(d, { recursive: true });
  throws(() => readInput(d), /directory/);
});

test('bad input: file over 50 MB is refused before reading', () => {
  const f = join(tmp, 'big.txt');
  const fd = openSync(f, 'w'); ftruncateSync(fd, MAX_INPUT_BYTES + 1); closeSync(fd); // sparse: no disk use
  throws(() => readInput(f), /file too large/);
});

test('readInput reads a good file with its path as uri', () => {
  const f = join(tmp, 'ok.txt');
  writeFileSync(f, SAMPLE);
  const r = readInput(f);
  assert.equal(r.uri, f);
  assert.equal(r.content, SAMPLE);
});
