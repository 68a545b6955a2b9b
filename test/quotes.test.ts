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

test('a title holding a place or organisation before a name: the person speaks, the title gives role and affiliation', () => {
  const ctx = ctxOf('“Justice has been served in this case,” said U.S. Attorney Jane Roe.\n\n'
    + 'Kremlin spokesman Ivan Petrov told reporters that the talks would resume.\n\n'
    + 'Secretary of State Mark Twine said the envoy would travel on Monday.',
  [[['Jane Roe'], 'PERSON'], [['U.S.'], 'GPE'], [['Ivan Petrov'], 'PERSON'], [['Kremlin'], 'ORG'], [['Mark Twine'], 'PERSON'], [['State'], 'ORG']]);
  const r = run(ctx);
  const a = r.src(r.find('Justice has been served'));
  assert.deepEqual([a.entity, a.anonymous, a.role, a.affiliation], ['e1', false, 'attorney', 'e2']);
  const b = r.src(r.find('the talks would resume'));
  assert.deepEqual([b.entity, b.role, b.affiliation], ['e3', 'spokesman', 'e4']);
  assert.equal(r.src(r.find('the envoy would travel')).entity, 'e5');
});

test('wire patterns: statements, "said X, who", told reporters, according to a statement, wrote on Twitter, title+name', () => {
  const ctx = ctxOf('“We will not pay,” Jane Roe, a spokeswoman for the Example Company, said in a statement.\n\n'
    + 'The Example Company said in a statement on Monday that it would appeal.\n\n'
    + '“Talks are over,” said John Doe, who leads the union.\n\n'
    + 'Ann Poe told reporters that the strike would continue.\n\n'
    + 'According to a statement from the Example Ministry, the border will stay closed.\n\n'
    + 'Peter Poe wrote on Twitter that the vote was rigged.\n\n'
    + 'Anna Lee said the bridge was unsafe, adding that repairs would take a year.\n\n'
    + 'The bridge will reopen in May, the mayor said. “It will be safe.” Paul Ray said on Tuesday.',
  [[['Jane Roe'], 'PERSON'], [['Example Company'], 'ORG'], [['John Doe'], 'PERSON'], [['Ann Poe'], 'PERSON'], [['Example Ministry'], 'ORG'],
    [['Peter Poe'], 'PERSON'], [['Anna Lee'], 'PERSON'], [['Paul Ray'], 'PERSON']]);
  const r = run(ctx);
  const a = r.src(r.find('We will not pay'));
  assert.deepEqual([a.entity, a.role, a.affiliation], ['e1', 'spokeswoman', 'e2']);
  const b = r.find('it would appeal');
  assert.deepEqual([b.direct, r.src(b).entity, r.src(b).anonymous], [false, 'e2', false]);
  const c = r.src(r.find('Talks are over'));
  assert.deepEqual([c.entity, c.role], ['e3', null]);
  assert.equal(r.src(r.find('the strike would continue')).entity, 'e4');
  const d = r.src(r.find('the border will stay closed'));
  assert.deepEqual([d.anonymous, d.role, d.affiliation], [false, 'statement', 'e5']);
  assert.equal(r.src(r.find('the vote was rigged')).entity, 'e6');
  assert.equal(r.src(r.find('repairs would take a year')).entity, 'e7');
  assert.equal(r.src(r.find('It will be safe')).entity, 'e8');
});

test('a quote inside a longer sentence takes the speaker named after a comma ("“…” announced in May, said X")', () => {
  const ctx = ctxOf('Two people briefed on the talks said the deal was close.\n\n'
    + '“The minister wants a bigger deal. Bigger than the little deal” announced in May, said John Roe, a scholar at the Example Institute.',
  [[['John Roe'], 'PERSON'], [['Example Institute'], 'ORG']]);
  const r = run(ctx);
  const s = r.src(r.find('The minister wants a bigger deal'));
  assert.deepEqual([s.entity, s.role, s.affiliation], ['e1', 'scholar', 'e2']);
});

test('a phrase quoted inside a running sentence is no quote, and no word after it makes a speaker', () => {
  const r = run(ctxOf('That would let the governor campaign on his “tough on crime” stance, which holds appeal to voters in key states like Ohio.\n\n'
    + 'The ministry rejected the claims as “patently false,” and analysts told the paper the claims were invented.'));
  assert.equal(r.direct.length, 0);
  assert.ok(!r.quotes.some((q) => q.text === 'tough on crime'));
  assert.ok(r.sources.every((s) => !/stance|states/.test(`${s.description} ${s.role}`)));
  const pf = r.quotes.find((q) => q.text.startsWith('patently false'));
  assert.ok(!pf || (pf.direct === false && r.src(pf)?.role !== 'analyst'));
});

test('scare quotes under a compound ("self-declared") or in a sentence without a speaker make no source', () => {
  const r = run(ctxOf('“We are ready,” the mayor said.\n\n'
    + 'Three people died in protests against the self-declared “interim” government.\n\n'
    + 'Crowds gathered, and many described the “interim” council as illegitimate.'));
  assert.equal(r.sources.length, 1);
  for (const q of r.quotes.filter((x) => x.text === 'interim')) {
    assert.equal(q.direct, false);
    assert.equal(q.source, null);
  }
});

test('a quoted subheading on its own line is not a quote', () => {
  const r = run(ctxOf('“We are ready,” the mayor said.\n\n“Foreign-controlled bandit formations in the desert”\n\nThe army has trained the group since 2017.'));
  assert.equal(r.quotes.length, 1);
});

test('"The president said" refers back to the person introduced as "President X"; a vice president does not count', () => {
  const ctx = ctxOf('The deal may grow if President John Roe agrees to the demands, officials say.\n\n'
    + 'Vice President Jane Doe met the delegation on Monday.\n\n'
    + 'The president said on Tuesday that the other side “is going to have to make a deal that I like.”',
  [[['John Roe'], 'PERSON'], [['Jane Doe'], 'PERSON']]);
  const r = run(ctx);
  const q = r.find('make a deal that I like');
  assert.equal(q.direct, true);
  assert.deepEqual([r.src(q).entity, r.src(q).anonymous, r.src(q).role], ['e1', false, 'president']);
});

test('an office of a named person speaks on the record for that person', () => {
  const r = run(ctxOf('Public Ombudsman Jane Roe’s office said the deaths were caused by gunshot wounds.', [[['Jane Roe'], 'PERSON']]));
  const s = r.src(r.find('the deaths were caused'));
  assert.deepEqual([s.anonymous, s.entity, s.affiliation, s.role], [false, 'e1', 'e1', 'office']);
});

test('apposition chains and abbreviations ("Cmdr.", "Nov.", "U.N.") do not break the speaker or the quote', () => {
  const ctx = ctxOf('Cmdr. Jane Roe, a spokesperson for the Example Task Force, the U.S. military operation against rebels in the north, '
    + 'told the paper on Nov. that the claim “is patently false,” and that “the coalition is not preventing people from leaving.”\n\n'
    + 'United Nations spokesman Juan Perez told reporters that the U.N. is “working with all sides to reach the camp quickly.”',
  [[['Jane Roe'], 'PERSON'], [['Example Task Force'], 'ORG'], [['U.S.'], 'GPE'], [['Juan Perez'], 'PERSON'], [['United Nations', 'U.N.'], 'ORG']]);
  const r = run(ctx);
  const a = r.find('the coalition is not preventing people');
  assert.equal(a.direct, true);
  assert.deepEqual([r.src(a).entity, r.src(a).role, r.src(a).affiliation], ['e1', 'spokesperson', 'e2']);
  assert.equal(r.find('is patently false').direct, false);
  const b = r.find('working with all sides');
  assert.equal(b.direct, true);
  assert.deepEqual([r.src(b).entity, r.src(b).role, r.src(b).affiliation], ['e4', 'spokesman', 'e5']);
});

test('a cue verb in the subject\'s relative clause ("who ... asked not to be identified") is not the speech verb', () => {
  const r = run(ctxOf('A reporter’s source inside the camp, a refugee who feared retaliation and asked not to be identified, said that the claim is untrue.\n\n'
    + '“Nobody stops us from leaving,” the source said.'));
  const a = r.src(r.find('the claim is untrue'));
  assert.equal(a.anonymous, true);
  assert.equal(a.role, 'source');
  assert.equal(r.find('Nobody stops us').source, r.find('the claim is untrue').source);
});

test('a place is not a speaker, and "according to" gives a sentence its one speaker', () => {
  const r = run(ctxOf('According to the government, as of 2016, the country had admitted more than a million refugees.\n\n'
    + '“We cannot take in any more people without help from abroad.”'));
  assert.equal(r.sources.length, 1);
  assert.equal(r.sources[0].role, 'government');
  assert.equal(r.src(r.find('We cannot take in any more')).role, 'government');
});

test('"he"/"she" never resolve to an organisation; with no person source they take the last person named', () => {
  const ctx = ctxOf('John Roe was arrested on Monday. The Daily Example reports the man was sentenced to life.\n\n'
    + 'Later, he admitted that he took the car.',
  [[['John Roe'], 'PERSON'], [['Daily Example'], 'ORG']]);
  const r = run(ctx);
  assert.equal(r.src(r.find('he took the car')).entity, 'e1');
  assert.equal(r.src(r.find('the man was sentenced')).entity, 'e2');
});

test('present-tense "say" after a clause, and compound adjectives inside the subject', () => {
  const r = run(ctxOf('The deal may grow into something bigger, people familiar with the talks say.\n\n'
    + 'One Washington-based trade expert said that the tariffs would stay.', [[['Washington'], 'GPE']]));
  const a = r.src(r.find('The deal may grow'));
  assert.deepEqual([a.anonymous, a.role], [true, 'people']);
  const b = r.src(r.find('the tariffs would stay'));
  assert.equal(b.description, 'One Washington-based trade expert');
  assert.deepEqual([b.anonymous, b.role], [true, 'expert']);
});

test('occupations before a name, title-case roles in an apposition, and compound offices', () => {
  const ctx = ctxOf('“We checked twice,” said Example planetary geologist Jane Roe.\n\n'
    + '“The market is open,” said Mark Poe, CEO and Founder of Example Robotics.\n\n'
    + '“We are honoured,” said Ann Lee, vice president of programs at Example Origin.\n\n'
    + 'The president said the launch would go ahead.',
  [[['Jane Roe'], 'PERSON'], [['Mark Poe'], 'PERSON'], [['Example Robotics'], 'ORG'], [['Ann Lee'], 'PERSON'], [['Example Origin'], 'ORG']]);
  const r = run(ctx);
  const a = r.src(r.find('We checked twice'));
  assert.deepEqual([a.entity, a.anonymous, a.role], ['e1', false, 'geologist']);
  const b = r.src(r.find('The market is open'));
  assert.deepEqual([b.entity, b.role, b.affiliation], ['e2', 'founder', 'e3']);
  const c = r.src(r.find('We are honoured'));
  assert.deepEqual([c.entity, c.role], ['e4', 'vice president']);
  assert.notEqual(r.src(r.find('the launch would go ahead')).entity, 'e4');
});

test('pseudonyms: "asked to be identified only as", "gave only his first name, X", "(not her real name)", "under a pseudonym"', () => {
  const ctx = ctxOf('A fighter who asked to be identified only as Ahmed said the group was short of weapons.\n\n'
    + '“We were told to wait,” Ahmed said.\n\n'
    + '“Nobody came,” said a resident who gave only his first name, Joseph. Joseph said the shelling lasted all night.\n\n'
    + 'Mariam (not her real name) said: “We eat once a day.”\n\n'
    + '“The roads are closed,” said Musa, who spoke under a pseudonym.',
  [[['Ahmed'], 'PERSON'], [['Joseph'], 'PERSON'], [['Mariam'], 'PERSON'], [['Musa'], 'PERSON']]);
  const r = run(ctx);
  const a = r.find('We were told to wait');
  assert.equal(a.source, r.find('the group was short of weapons').source, 'Ahmed is the fighter');
  assert.deepEqual([r.src(a).anonymous, r.src(a).entity, r.src(a).role], [true, null, 'fighter']);
  assert.match(r.src(a).description!, /Ahmed/);
  const j = r.find('Nobody came');
  assert.equal(j.source, r.find('the shelling lasted all night').source, 'Joseph is the resident');
  assert.deepEqual([r.src(j).anonymous, r.src(j).entity], [true, null]);
  assert.match(r.src(j).description!, /Joseph/);
  const m = r.src(r.find('We eat once a day'));
  assert.deepEqual([m.anonymous, m.entity], [true, null]);
  assert.match(m.description!, /Mariam/);
  const u = r.src(r.find('The roads are closed'));
  assert.deepEqual([u.anonymous, u.entity], [true, null]);
  assert.match(u.description!, /Musa/);
});

test('a pseudonym declared in narration keeps a later "X said" anonymous', () => {
  const ctx = ctxOf('Karim, whose name has been changed to protect him, fled the town in May.\n\n“We lost everything,” Karim said.',
    [[['Karim'], 'PERSON']]);
  const r = run(ctx);
  const s = r.src(r.find('We lost everything'));
  assert.deepEqual([s.anonymous, s.entity], [true, null]);
  assert.match(s.description!, /Karim/);
});

test('a name in apposition after a role is the speaker ("said the group’s leader, X", "according to the army’s spokesman, Col. X")', () => {
  const ctx = ctxOf('“We will not negotiate,” said the group’s leader, Bertrand Bisimwa.\n\n'
    + 'The attack was repulsed, according to the army’s spokesman, Col. Guillaume Ndjike.\n\n'
    + '“The rebels will be pushed back,” declared on Monday the spokesman of the government, Patrick Mulumba.\n\n'
    + 'The adviser, Sarah Kendall, said in a statement that the talks would resume.\n\n'
    + 'The city is calm, declared the governor of the province, Jean Kasongo.',
  [[['Bertrand Bisimwa'], 'PERSON'], [['Guillaume Ndjike'], 'PERSON'], [['Patrick Mulumba'], 'PERSON'], [['Sarah Kendall'], 'PERSON'],
    [['Jean Kasongo'], 'PERSON']]);
  const r = run(ctx);
  const a = r.src(r.find('We will not negotiate'));
  assert.deepEqual([a.entity, a.anonymous, a.role], ['e1', false, 'leader']);
  const b = r.src(r.find('The attack was repulsed'));
  assert.deepEqual([b.entity, b.anonymous, b.role], ['e2', false, 'spokesman']);
  const c = r.src(r.find('The rebels will be pushed back'));
  assert.deepEqual([c.entity, c.role], ['e3', 'spokesman']);
  assert.doesNotMatch(c.description ?? '', /Monday/);
  const d = r.find('the talks would resume');
  assert.deepEqual([r.src(d).entity, r.src(d).role, d.cue], ['e4', 'adviser', 'said']);
  assert.ok(!r.sources.some((s) => s.role === 'statement'), 'a statement is a channel, not a source');
  assert.equal(r.src(r.find('The city is calm')).entity, 'e5');
});

test('channels ("in a phone interview", "in a separate statement", "by phone") are not part of the source', () => {
  const ctx = ctxOf('“We are ready for talks,” said Mohamed Osman, a spokesman for the Support Forces, in a phone interview.\n\n'
    + 'Osman told Reuters by phone that the group had withdrawn.\n\n'
    + '“The ceasefire is holding,” Osman added in a separate statement.',
  [[['Mohamed Osman', 'Osman'], 'PERSON'], [['Support Forces'], 'ORG'], [['Reuters'], 'ORG']]);
  const r = run(ctx);
  const a = r.src(r.find('We are ready for talks'));
  assert.deepEqual([a.entity, a.role, a.affiliation], ['e1', 'spokesman', 'e2']);
  assert.doesNotMatch(a.description ?? '', /interview/);
  const b = r.find('the group had withdrawn');
  assert.deepEqual([b.source, b.recipient], [r.find('We are ready').source, 'e3']);
  assert.equal(r.find('The ceasefire is holding').source, r.find('We are ready').source);
  assert.equal(r.sources.length, 1);
});

test('collective sources: "Residents said", "Witnesses told AFP", "two security sources"; a ministry is on the record', () => {
  const ctx = ctxOf('Residents said the shelling continued overnight.\n\nWitnesses told AFP that gunmen had set fire to the market.\n\n'
    + 'Two security sources said at least 40 people had been killed.\n\n'
    + 'The Foreign Ministry condemned the attack. The ministry said in a statement that it welcomed the mediation.',
  [[['AFP'], 'ORG'], [['Foreign Ministry'], 'ORG']]);
  const r = run(ctx);
  const a = r.src(r.find('the shelling continued'));
  assert.deepEqual([a.anonymous, a.role], [true, 'resident']);
  const b = r.src(r.find('gunmen had set fire'));
  assert.deepEqual([b.anonymous, b.role], [true, 'witness']);
  assert.deepEqual([r.src(r.find('40 people')).anonymous, r.src(r.find('40 people')).role], [true, 'source']);
  const m = r.src(r.find('it welcomed the mediation'));
  assert.deepEqual([m.anonymous, m.entity], [false, 'e2']);
});

test('carry-over: a paragraph-opening quote takes the tag later in its paragraph, or a person introduced since the last speaker', () => {
  const ctx = ctxOf('The governor, Jean Kasongo, said the army would hold. “We will not give up,” he said.\n\n'
    + '“We were surrounded. There was no way out.” The officer paused. “We fought until dawn,” said Captain Eric Mbala.\n\n'
    + 'Anna Lee said the town was empty.\n\nPaul Ray, a farmer from the valley, lost two sons in the fighting.\n\n“They died as heroes.”\n\n'
    + '“We will win,” said Omar Haddad. Felix Tshisekedi disagreed. “They will lose,” he said.',
  [[['Jean Kasongo'], 'PERSON'], [['Eric Mbala'], 'PERSON'], [['Anna Lee'], 'PERSON'], [['Paul Ray'], 'PERSON'], [['Omar Haddad'], 'PERSON'],
    [['Felix Tshisekedi'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.src(r.find('We will not give up')).entity, 'e1');
  assert.equal(r.src(r.find('We were surrounded')).entity, 'e2');
  assert.equal(r.src(r.find('They died as heroes')).entity, 'e4');
  assert.equal(r.src(r.find('We will win')).entity, 'e5');
  assert.equal(r.src(r.find('They will lose')).entity, 'e6');
});

test('a quote paragraph without a tag still takes the last speaker when nobody new is introduced', () => {
  const ctx = ctxOf('“We will stay,” said Jane Doe. The town has been shelled for weeks.\n\n“Nobody will move us.”', [[['Jane Doe'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.src(r.find('Nobody will move us')).entity, 'e1');
});

test('marks with machine-translation spacing inside them; embedded quotes after "saying to"', () => {
  const ctx = ctxOf('The governor said that the rebels told villagers that “ speak Kinyarwanda or leave the village ” before the attack.\n\n'
    + 'According to Jean Kasongo, the rebels were saying to the villagers “ leave this land or you will die ” all night.',
  [[['Jean Kasongo'], 'PERSON']]);
  const r = run(ctx);
  const a = r.find('speak Kinyarwanda or leave the village');
  assert.equal(a.text, 'speak Kinyarwanda or leave the village');
  assert.equal(a.direct, true);
  const b = r.find('leave this land or you will die');
  assert.equal(b.direct, true);
  assert.equal(r.src(b).entity, 'e1');
});

test('"X, who commands the Y, said" and "a senior official, speaking on condition of anonymity, said"', () => {
  const ctx = ctxOf('“The army will not stop,” Ahmed Hassan, who commands the 9th Division, said on Sunday.\n\n'
    + 'A senior official, speaking on condition of anonymity, said the talks had stalled.\n\n'
    + 'Another fighter, who spoke under a pseudonym, said supplies were short.',
  [[['Ahmed Hassan'], 'PERSON']]);
  const r = run(ctx);
  assert.equal(r.src(r.find('The army will not stop')).entity, 'e1');
  const b = r.src(r.find('the talks had stalled'));
  assert.deepEqual([b.anonymous, b.role], [true, 'official']);
  const c = r.src(r.find('supplies were short'));
  assert.deepEqual([c.anonymous, c.role], [true, 'fighter']);
});
