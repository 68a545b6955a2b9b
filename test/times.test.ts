import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../src/nlp/index.js';
import { extractTimes } from '../src/extract/times.js';

const PUB = '2021-05-10'; // a Monday

function times(text: string, published: string | null = PUB) {
  const nlp = analyzeText(text);
  const out = extractTimes(nlp, published);
  for (const t of out) assert.equal(t.text, text.slice(t.start, t.end), 'span matches text');
  return out;
}

// [sentence, expression that must be found (the span must contain it), value, precision]
const CASES: [string, string, string | null, string | null][] = [
  ['Militants have been active since February of last year.', 'February of last year', '2020-02', 'month'],
  ['A UN committee reached a similar conclusion last August.', 'last August', '2020-08', 'month'],
  ['Earlier in March, a commander was killed.', 'March', '2021-03', 'month'],
  ['The fighting began in May.', 'May', '2021-05', 'month'],
  ['The offensive started in June.', 'June', '2020-06', 'month'],
  ['Troops will leave in September.', 'September', '2021-09', 'month'],
  ['They missed the original May 1 withdrawal deadline.', 'May 1', '2021-05-01', 'day'],
  ['The airstrike happened last month.', 'last month', '2021-04', 'month'],
  ['A deal was signed last year.', 'last year', '2020', 'year'],
  ['Since signing the accord over a year ago, nothing changed.', 'over a year ago', '2020', 'year'],
  ['The group was founded in 2019.', '2019', '2019', 'year'],
  ['The convoy was attacked on Tuesday.', 'on Tuesday', '2021-05-04', 'day'],
  ['Talks will resume on Thursday.', 'Thursday', '2021-05-13', 'day'],
  ['The bomb exploded two weeks ago.', 'two weeks ago', '2021-04-26', 'day'],
  ['Officials met this week.', 'this week', '2021-05-10', 'day'],
  ['The group emerged in the 1990s.', '1990s', '199', null],
  ['Fighting intensified in mid-2020.', 'mid-2020', '2020', 'year'],
  ['The camp was built in the summer of 2019.', 'summer of 2019', '2019', 'year'],
  ['The camp was built last summer.', 'last summer', '2020', 'year'],
  ['The attacks of September 11, 2001 changed everything.', 'September 11, 2001', '2001-09-11', 'day'],
  ['The report is dated 2020-03-04.', '2020-03-04', '2020-03-04', 'day'],
  ['The report is dated 11 September 2001.', '11 September 2001', '2001-09-11', 'day'],
  ['He was arrested in October 2018.', 'October 2018', '2018-10', 'month'],
  ['Elections are planned for next year.', 'next year', '2022', 'year'],
  ['Prices rose earlier this year.', 'earlier this year', '2021', 'year'],
  ['He was detained yesterday.', 'yesterday', '2021-05-09', 'day'],
  ['The group was formed a decade ago.', 'a decade ago', '2011', 'year'],
  ['Before 9/11 the group was small.', '9/11', '2001-09-11', 'day'],
  ['The IPO was shelved on September 30 after investors balked.', 'September 30', '2020-09-30', 'day'],
];

test('time expressions are found and normalised against the publication date', () => {
  for (const [sentence, expr, value, precision] of CASES) {
    const hit = times(sentence).find((t) => t.text.includes(expr));
    assert.ok(hit, `${expr} found in: ${sentence}`);
    assert.equal(hit.value, value, `value of ${expr}`);
    assert.equal(hit.precision, precision, `precision of ${expr}`);
  }
});

test('relative expressions are unresolvable without a publication date; absolute ones still resolve', () => {
  const out = times('The strike came last month, after talks in March and the deal of September 11, 2001 and 2019.', null);
  const by = (s: string) => out.find((t) => t.text.includes(s));
  assert.equal(by('last month')?.value, null);
  assert.equal(by('March')?.value, null);
  assert.equal(by('September 11, 2001')?.value, '2001-09-11');
  assert.equal(by('2019')?.value, '2019');
});

test('the longest expression wins: "February of last year" is one time, not two', () => {
  const out = times('Al Qaeda has been active since February of last year.');
  assert.deepEqual(out.map((t) => t.text), ['February of last year']);
  assert.deepEqual(out.map((t) => t.id), ['t1']);
});

// Sentences without any date in them.
const NOT_TIMES = [
  'May God protect the soldiers.',
  'He may go to Kabul.',
  'Thousands joined a march through the city.',
  'Theresa May met the president.',
  'Sami Sadat commands the 215 Maiwand Corps.',
  'They fought about 2000 troops.',
  'Shoppers waited for Black Friday.',
  'He told USA Today about the raid.',
  'The F-2020 jet crashed.',
];

test('modal "may", "a march", names and counts are not times', () => {
  for (const s of NOT_TIMES) assert.deepEqual(times(s).map((t) => t.text), [], s);
});

test('a bare month after publication month is last year unless the clause is future', () => {
  assert.equal(times('Fighting started in August.')[0].value, '2020-08');
  assert.equal(times('Troops will withdraw in August.')[0].value, '2021-08');
});

test('a weekday named with a day and month fixes the year', () => {
  // 2019-11-19 is a Tuesday; 18 May was a Saturday in 2019, a Monday in 2020
  assert.equal(times('The girl was taken on Saturday, May 18, from her home.', '2019-11-19').find((t) => t.text.includes('May 18'))?.value, '2019-05-18');
  // 20 December is a Friday in 2019 (a Thursday in 2018): the weekday points ahead
  assert.equal(times('The vote is on Friday, Dec. 20.', '2019-11-19').find((t) => t.text.includes('Dec. 20'))?.value, '2019-12-20');
  // the weekday overrides a past tense that would pick last year
  assert.equal(times('They said it happens on Friday, 20 December.', '2019-11-19').find((t) => t.text.includes('20 December'))?.value, '2019-12-20');
});

test('day and month without a year or tense: a news report leans to the past', () => {
  // 18 May 2019 is 185 days back, 18 May 2020 is 181 days ahead: the past one wins
  assert.equal(times('A fire at the plant on May 18 is under investigation.', '2019-11-19')[0].value, '2019-05-18');
  // a date a few weeks ahead is still the next one
  assert.equal(times('The tariffs on Dec. 15 remain a sticking point.', '2019-11-20')[0].value, '2019-12-15');
});

test('abbreviated months with a full stop: alone, with a day, with a year', () => {
  const pub = '2019-11-18';
  const one = (s: string) => times(s, pub)[0];
  assert.deepEqual([one('The commander told reporters on Nov. that the base would stay.').text, one('The commander told reporters on Nov. that the base would stay.').value], ['Nov.', '2019-11']);
  assert.equal(one('The talks collapsed in Sept. after a week.').value, '2019-09');
  assert.equal(one('Tariffs imposed on Sept. 1 stay.').value, '2019-09-01');
  assert.equal(one('The camp was emptied in Aug. 2018.').value, '2018-08');
  assert.equal(one('The camp was emptied last Aug. by the army.').value, '2019-08');
  assert.deepEqual(times('The Nov. report and Gen. Dec. were cited.', pub).map((t) => t.text), []);
});

test('weekdays: past by default, ahead when the clause looks ahead (will, would, passive future, schedules, this/next)', () => {
  const pub = '2024-02-12'; // a Monday
  const v = (s: string, w: string) => times(s, pub).find((t) => t.text.includes(w))?.value;
  // past: the most recent such day
  assert.equal(v('The army said on Thursday it had killed 40 militants.', 'Thursday'), '2024-02-08');
  assert.equal(v("Thursday's attack killed 12 soldiers.", 'Thursday'), '2024-02-08');
  assert.equal(v('Late on Thursday, the army said it had repelled the assault.', 'Thursday'), '2024-02-08');
  assert.equal(v('The convoy was ambushed on Thursday night.', 'Thursday'), '2024-02-08');
  assert.equal(v('The two sides last met on Friday.', 'Friday'), '2024-02-09');
  assert.equal(v('The man was killed on Friday.', 'Friday'), '2024-02-09');
  assert.equal(v('He has been in custody since Friday.', 'Friday'), '2024-02-09');
  // ahead: the next such day
  assert.equal(v('Talks will resume on Friday.', 'Friday'), '2024-02-16');
  assert.equal(v('Talks will be held on Friday in Jeddah.', 'Friday'), '2024-02-16');
  assert.equal(v('The agreement will be signed on Friday, the ministry said.', 'Friday'), '2024-02-16');
  assert.equal(v('Officials said talks would resume on Friday.', 'Friday'), '2024-02-16');
  assert.equal(v('The talks resume on Friday, officials said.', 'Friday'), '2024-02-16');
  assert.equal(v('The president is expected to travel to Nairobi on Friday.', 'Friday'), '2024-02-16');
  assert.equal(v('The minister visits this Friday.', 'Friday'), '2024-02-16');
  assert.equal(v('Elections are due next Friday.', 'Friday'), '2024-02-16');
  // a future marker for a month still works through a passive
  assert.equal(v('The vote will be held in March.', 'March'), '2024-03');
});

test('a weekday after a capitalised word is a date unless it is a named day or a paper', () => {
  const pub = '2024-02-12';
  const texts = (s: string) => times(s, pub).map((t) => `${t.text}=${t.value}`);
  assert.deepEqual(texts('The governor told AFP Sunday that 12 people died.'), ['Sunday=2024-02-11']);
  assert.deepEqual(texts('He told The Associated Press Thursday that troops would stay.'), ['Thursday=2024-02-08']);
  assert.deepEqual(texts('The president is expected to travel to Nairobi on Friday.'), ['on Friday=2024-02-16']);
  for (const s of ['Protesters gathered on Good Friday.', 'Shoppers waited for Black Friday.', 'Bloody Sunday is remembered.', 'He wrote in The Sunday Times that the war was lost.', 'The Mail on Sunday reported it.']) {
    assert.deepEqual(texts(s), [], s);
  }
});

test('a weekday deadline (by, until, before) lies ahead unless the clause is past', () => {
  const pub = '2024-02-12'; // a Monday
  const v = (s: string) => times(s, pub).find((t) => /day/.test(t.text))?.value;
  assert.equal(v('"We are asking the army to retake Rubaya before Friday," a notable said.'), '2024-02-16');
  assert.equal(v('Parties have until Friday to respond.'), '2024-02-16');
  assert.equal(v('The rebels had withdrawn by Friday.'), '2024-02-09');
});

// chrono runs only over stretches cut at gaps it cannot reach across; inside them it must see what it sees in the whole text
test('chrono stretches: results inside them are those of the whole text', async () => {
  const chrono = await import('chrono-node');
  const { chronoStretches } = await import('../src/extract/times.js');
  const ref = { instant: new Date(Date.UTC(2021, 4, 10, 12)), timezone: 0 };
  const show = (r: { index: number; text: string; start: { date(): Date } }, at: number) => `${at + r.index}|${r.text}|${r.start.date().toISOString()}`;
  const texts = [
    'Officials reported fighting near the border.\n\n12\n\nMay 5 was quiet, villagers said.',
    'Published May 5, 2021\n10:30 GMT\n\nThe government announced new measures. Soldiers arrived on Monday, May 3.',
    'The talks collapsed on Jan. 6 at 5 p.m. EST and resumed three days later, officials said in a statement on the 21st.',
    'Villagers fled. Government forces returned between March 3 and March 9, 2020 to 2021-05-10, 5/12/2021 and 05/12/21.',
    'Several people were killed. '.repeat(20) + 'Soldiers arrived on 4 June 2020. ' + 'Officials declined comment. '.repeat(20),
  ];
  for (const text of texts) {
    const whole = chrono.en.parse(text, ref);
    const stretches = chronoStretches(text);
    const inside = whole.filter((r) => stretches.some(([a, b]) => r.index >= a && r.index + r.text.length <= b));
    assert.ok(whole.filter((r) => /\d/.test(r.text)).every((r) => inside.includes(r)), 'every result with a digit lies in a stretch');
    const parts = stretches.flatMap(([a, b]) => chrono.en.parse(text.slice(a, b), ref).map((r) => show(r, a)));
    assert.deepEqual(parts, inside.map((r) => show(r, 0)));
  }
});
