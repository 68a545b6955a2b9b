import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, paragraphs } from '../src/nlp/index.js';

test('tokens carry exact offsets into the text', () => {
  const text = '“The Taliban have gained,” an officer told The Daily Beast.  Sami Sadat’s unit — 6,000 to 10,000.\n\nNew para 😀 here.';
  const doc = analyzeText(text);
  assert.ok(doc.tokens.length > 15);
  for (const t of doc.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.ok(doc.tokens.some((t) => t.text === 'Taliban' && t.pos === 'PROPN'));
  assert.ok(doc.tokens.every((t, i) => i === 0 || t.start >= doc.tokens[i - 1].end));
});

test('sentences split, and a blank line always ends one', () => {
  const text = 'First sentence here. Second one follows\n\nNew paragraph without stop';
  const doc = analyzeText(text);
  assert.equal(doc.sentences.length, 3);
  assert.equal(text.slice(doc.sentences[2].start, doc.sentences[2].end), 'New paragraph without stop');
  for (const s of doc.sentences) {
    assert.equal(doc.tokens[s.firstToken].start, s.start);
    assert.equal(doc.tokens[s.lastToken].end, s.end);
    for (let i = s.firstToken; i <= s.lastToken; i++) assert.equal(doc.tokens[i].sentence, s.index);
  }
});

test('empty text gives no tokens', () => {
  const doc = analyzeText('');
  assert.equal(doc.tokens.length, 0);
  assert.equal(doc.sentences.length, 0);
});

test('paragraphs are blank-line separated spans', () => {
  const text = 'One.\nstill one.\n\n  Two.  \n\n\nThree.';
  const ps = paragraphs(text).map((p) => text.slice(p.start, p.end));
  assert.deepEqual(ps, ['One.\nstill one.', 'Two.', 'Three.']);
});
