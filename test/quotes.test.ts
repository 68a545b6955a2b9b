// Quotes and sources on hand-built contexts: every quote shape and speaker pattern the extractor handles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuotes } from '../src/extract/quotes.js';
import type { ExtractionContext, Quote, Source } from '../src/types.js';
import { ctxOf } from './attribution-context.js';

function run(ctx: ExtractionContext) {
  const a = extractQuotes(ctx);
  for (const q of a.quotes) assert.equal(q.text, ctx.nlp.text.slice(q.start, q.end), 'quote text is its span');
  const src = (q: Quote) => a.sources.find((s) => s.id === q.source) as Source;
  const direct = a.quotes.filter((q) => q.direct);
  const find = (s: string) => {
    const q = a.quotes.find((x) => x.text.includes(s));
    assert.ok(q, `a quote containing ${JSON.stringify(s)} in ${JSON.stringify(a.quotes.map((x) => x.text))}`);
    return q;
  };
  return { ...a, src, direct, find };
}

test('straight marks, anonymous role after a pronoun-free tag', () => {
  const r = run(ctxOf('"We will not leave," the spokesman said. The talks ended.'));
  assert.equal(r.direct.length, 1);
  assert.equal(r.direct[0].text, 'We will not leave');
  assert.equal(r.direct[0].cue, 'said');
  const s = r.src(r.direct[0]);
  assert.equal(s.anonymous, true);
  assert.equal(s.role, 'spokesman');
});

test('curly marks, named speaker after the cue with apposition giving role and affiliation', () => {
  const ctx = ctxOf('“The deal is dead,” said Jane Doe, a senior analyst at the Example Institute.',
    [[['Jane Doe'], 'PERSON'], [['Example Institute'], 'ORG']]);
  const r = run(ctx);
  const s = r.src(r.find('The deal is dead'));
  assert.equal(s.anonymous, false);
  assert.equal(s.entity, 'e1');
  assert.equal(s.role, 'analyst');
  assert.equal(s.affiliation, 'e2');
});

test('named speaker before the cue, with the outlet told as recipient', () => {
  const ctx = ctxOf('“It is over,” Jane Doe, a fellow at the Example Institute, told The Daily Beast.',
    [[['Jane Doe'], 'PERSON'], [['Example Institute'], 'ORG'], [['The Daily Beast', 'Daily Beast'], 'ORG']]);
  const r = run(ctx);
  const q = r.find('It is over');
  assert.equal(q.cue, 'told');
  assert.equal(q.recipient, 'e3');
  assert.equal(r.src(q).entity, 'e1');
  assert.equal(r.src(q).role, 'fellow');
});

test('nested single quotes stay inside the quote', () => {
  const r = run(ctxOf('“He told me ‘never again’ and walked away,” she said.'));
  assert.equal(r.direct.length, 1);
  assert.match(r.direct[0].text, /‘never again’ and walked away$/);
});

test('a nested pair written with double marks inside an open quote', () => {
  const r = run(ctxOf('“He gave up his whole “empire”, for his friend. Nobody forgets that, ”he explained.'));
  assert.equal(r.direct.length, 1);
  assert.match(r.direct[0].text, /empire.*Nobody forgets that$/);
});

test('a quote running over two paragraphs keeps its speaker', () => {
  const ctx = ctxOf('John Smith spoke at length.\n\n“The first part of the quote runs on.\n\n“The second part ends here,” said John Smith.',
    [[['John Smith'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.direct.length, 2);
  for (const q of r.direct) assert.equal(r.src(q).entity, 'e1');
});

test('an unclosed quote runs to the end of its paragraph', () => {
  const ctx = ctxOf('John Smith told reporters: “We are staying. Nobody can move us.\n\nThe talks resumed on Monday.', [[['John Smith'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.direct.length, 1);
  assert.equal(r.direct[0].text, 'We are staying. Nobody can move us.');
  assert.equal(r.src(r.direct[0]).entity, 'e1');
});

test('an opening mark inside an open quote ends the earlier quote at its last sentence', () => {
  const ctx = ctxOf('Jane Doe said: “The agreement was broken. We may attack. Doe added that they had “a long list of volunteers ready to fight.”',
    [[['Jane Doe', 'Doe'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.find('agreement was broken').text, 'The agreement was broken. We may attack.');
  assert.equal(r.find('long list of volunteers').direct, true);
  assert.ok(r.direct.every((q) => r.src(q).entity === 'e1'));
});

test('machine-translated marks: a closing glyph after a space, and marks swapped around the tag', () => {
  const ctx = ctxOf('“We saw them and fought them, ”said an Afghan soldier.\n\n'
    + 'A former rebel commander who spoke to reporters described it bluntly: “If we cannot agree and the violence continues, “he said,” so the rebels will let anyone join them. “\n\nLater text.');
  const r = run(ctx);
  assert.equal(r.src(r.find('We saw them and fought them')).role, 'soldier');
  const q = r.find('If we cannot agree');
  assert.match(q.text, /will let anyone join them\.$/, 'the interrupted sentence is one quote');
  assert.equal(r.direct.length, 2);
  assert.equal(r.src(q).role, 'commander');
});

test('embedded short phrases are partial (with a speech cue) or scare quotes (without), never direct', () => {
  const r = run(ctxOf('The envoy spoke of a “shared vision” with the group. The province was called the “gates of hell” by locals.'));
  assert.equal(r.direct.length, 0);
  const p = r.find('shared vision');
  assert.equal(p.direct, false);
  assert.equal(p.partial, true);
  assert.equal(r.src(p).role, 'envoy');
  assert.ok(!r.quotes.some((q) => q.text.includes('gates of hell')));
});

test('scare quotes in a headline are not quotes', () => {
  const r = run(ctxOf('Rebels set to become the “ darling ” again\n\nThe war goes on.'));
  assert.equal(r.quotes.length, 0);
});

test('pronoun speaker resolves to the speaker of an earlier sentence', () => {
  const ctx = ctxOf('Jane Doe said the talks had failed. “We tried everything,” she said.', [[['Jane Doe'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.src(r.find('We tried everything')).entity, 'e1');
});

test('a quote paragraph without a tag belongs to the speaker introduced just before', () => {
  const ctx = ctxOf('Jane Doe described the situation to reporters.\n\n“Nothing works here anymore.”', [[['Jane Doe'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.src(r.find('Nothing works here anymore')).entity, 'e1');
});

test('a pseudonymous speaker is anonymous, keeps the pseudonym, and is the same source when named again', () => {
  const ctx = ctxOf('“We fought them,” said a local soldier, who identified himself as Ahmad to protect his identity.\n\n'
    + 'Ahmad told reporters that he had met foreign fighters. “They came at night,” he said.\n\n'
    + '“It is a family matter,” said Ahmad, who knew many of them.', [[['Ahmad'], 'PERSON']]);
  const r = run(ctx);
  const ids = new Set(r.quotes.map((q) => q.source));
  assert.equal(ids.size, 1, 'one source');
  const s = r.sources[0];
  assert.equal(s.anonymous, true);
  assert.equal(s.entity, null);
  assert.match(s.description!, /Ahmad/);
  assert.equal(s.role, 'soldier');
});

test('anonymous descriptors: role and affiliation from the description', () => {
  const ctx = ctxOf('“Nothing has changed,” an official from the Interior Ministry said on condition of anonymity.\n\n'
    + 'A former Rebel Front minister who spoke to the paper described it bluntly: “We will win this war.”\n\n'
    + 'A Rebel Front member who lives in the capital spoke to us. “Our struggle is long,” he told the paper.',
  [[['Interior Ministry'], 'ORG'], [['Rebel Front'], 'ORG']]);
  const r = run(ctx);
  const a = r.src(r.find('Nothing has changed'));
  assert.deepEqual([a.anonymous, a.role, a.affiliation], [true, 'official', 'e1']);
  const b = r.src(r.find('We will win'));
  assert.deepEqual([b.anonymous, b.role, b.affiliation], [true, 'minister', 'e2']);
  assert.match(b.description!, /^A former Rebel Front minister who spoke to the paper$/);
  const c = r.src(r.find('Our struggle is long'));
  assert.deepEqual([c.anonymous, c.role, c.affiliation], [true, 'member', 'e2']);
  assert.equal(r.sources.length, 3);
});

test('organisations and documents as sources', () => {
  const ctx = ctxOf('In a statement shared with CNN, members of the Rebel Front promised more attacks. “We will fight on every front.”\n\n'
    + '“Violence rose sharply in the north during the period,” UN report says.',
  [[['CNN'], 'ORG'], [['Rebel Front'], 'ORG'], [['UN'], 'ORG']]);
  const r = run(ctx);
  const m = r.src(r.find('fight on every front'));
  assert.deepEqual([m.anonymous, m.role, m.affiliation], [true, 'member', 'e2']);
  const d = r.src(r.find('Violence rose sharply'));
  assert.deepEqual([d.anonymous, d.role, d.affiliation], [false, 'report', 'e3']);
});

test('back-references merge with the source they describe, by role and by the words around it', () => {
  const ctx = ctxOf('“The rebels are strong,” an undercover intelligence officer and diplomat based in the capital told reporters.\n\n'
    + 'The diplomat said: “They will not stop.”\n\n'
    + '“Ten thousand have joined,” an official from the Security Directorate told reporters, the country’s spy agency.\n\n'
    + 'Another military official explained that the front was quiet.\n\n'
    + 'The spy official echoed similar sentiments. “They are linked by blood,” he said.',
  [[['Security Directorate'], 'ORG']]);
  const r = run(ctx);
  assert.equal(r.find('They will not stop').source, r.find('The rebels are strong').source);
  assert.equal(r.find('They are linked by blood').source, r.find('Ten thousand have joined').source);
  assert.notEqual(r.find('the front was quiet').source, r.find('Ten thousand have joined').source);
});

test('indirect speech: said/confirmed that, according to, and a final attribution', () => {
  const ctx = ctxOf('Several officials have confirmed to The Daily Beast that the group still has ties with the rebels.\n\n'
    + 'According to Jane Doe, the group has hundreds of fighters in the north.\n\n'
    + 'The attack killed 12 people, police said.\n\n'
    + 'President John Smith argued that the threat was over.',
  [[['The Daily Beast', 'Daily Beast'], 'ORG'], [['Jane Doe'], 'PERSON'], [['John Smith'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.direct.length, 0);
  const a = r.find('the group still has ties with the rebels');
  assert.deepEqual([a.direct, a.cue, a.recipient], [false, 'confirmed', 'e1']);
  assert.equal(r.src(a).role, 'official');
  assert.equal(r.src(r.find('hundreds of fighters')).entity, 'e2');
  assert.equal(r.src(r.find('The attack killed 12 people')).role, 'police');
  const d = r.find('the threat was over');
  assert.equal(r.src(d).entity, 'e3');
  assert.equal(r.src(d).role, 'president');
});

test('passive "is said to" is not a speaker', () => {
  const r = run(ctxOf('The group is said to have recruited fighters from the villages.'));
  assert.equal(r.quotes.length, 0);
});

test('without entities, a named speaker falls back to the text of the name', () => {
  const r = run(ctxOf('“We are ready,” said Omar Haddad, a commander of the brigade.'));
  const s = r.src(r.find('We are ready'));
  assert.equal(s.anonymous, false);
  assert.equal(s.entity, null);
  assert.match(s.description!, /Omar Haddad/);
  assert.equal(s.role, 'commander');
});
