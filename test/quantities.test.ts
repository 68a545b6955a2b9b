import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../src/nlp/index.js';
import { extractTimes } from '../src/extract/times.js';
import { extractQuantities } from '../src/extract/quantities.js';

function quantities(text: string) {
  const nlp = analyzeText(text);
  const out = extractQuantities(nlp, extractTimes(nlp, '2021-05-10'));
  for (const q of out) assert.equal(q.text, text.slice(q.start, q.end), 'span matches text');
  return out.map((q) => [q.text, q.low, q.high, q.unit ?? null]);
}

// [sentence, expected [text, low, high, unit] for every quantity in it]
const CASES: [string, (string | number | null)[][]][] = [
  ['We estimate that 6,000 to 10,000 Taliban fighters have pledged allegiance.', [['6,000 to 10,000', 6000, 10000, 'Taliban fighters']]],
  ['Five of the 12 insurgents targeted were members of AQIS.', [['Five', 5, 5, 'insurgents'], ['12', 12, 12, 'insurgents']]],
  ['Between 20 and 30 civilians died.', [['Between 20 and 30', 20, 30, 'civilians']]],
  ['Some 20-30 people gathered.', [['20-30', 20, 30, 'people']]],
  ['The US spent $3bn on the war.', [['$3bn', 3e9, 3e9, 'dollars']]],
  ['Aid reached 1.5 million people.', [['1.5 million', 1.5e6, 1.5e6, 'people']]],
  ['Turnout was 40% in Kabul.', [['40%', 40, 40, '%']]],
  ['Turnout was 12.5 per cent.', [['12.5 per cent', 12.5, 12.5, '%']]],
  ['Twelve soldiers and a dozen police officers died.', [['Twelve', 12, 12, 'soldiers'], ['a dozen', 12, 12, 'police officers']]],
  ['Twenty-five fighters surrendered.', [['Twenty-five', 25, 25, 'fighters']]],
  ['He commanded three hundred and fifty troops.', [['three hundred and fifty', 350, 350, 'troops']]],
  ['Hundreds of armed agents remain.', [['Hundreds', 200, null, 'armed agents']]],
  ['Tens of thousands of refugees fled.', [['Tens of thousands', 20000, null, 'refugees']]],
  ['More than 100 people were killed.', [['More than 100', 100, null, 'people']]],
  ['Up to 40 troops stayed.', [['Up to 40', null, 40, 'troops']]],
  ['About 500 soldiers were deployed.', [['About 500', 500, 500, 'soldiers']]],
  ['Two or three drones flew over.', [['Two or three', 2, 3, 'drones']]],
  ['One to two million people were displaced.', [['One to two million', 1e6, 2e6, 'people']]],
];

test('numerals, number words, ranges and bounds with their units', () => {
  for (const [sentence, expected] of CASES) assert.deepEqual(quantities(sentence), expected, sentence);
});

// Numbers that are not counts.
const NOT_QUANTITIES = [
  'He commands the 215 Maiwand Corps of the Afghan Army.',
  'The new 9/11 withdrawal date was announced.',
  'The group was founded in 2019 and grew in mid-2020.',
  'The deadline was May 1.',
  'The bomb exploded two weeks ago.',
  'The meeting starts at 3 p.m. sharp.',
  'Call +93 20 123 4567 for details.',
  'The F-16 jets and the AK-47 rifles.',
  'Under Article 5 the allies must respond.',
  'He finished second and then third.',
  'One explanation is the shared blood ties.',
  'COVID-19 spread fast.',
];

test('years, dates, clock times, names, codes and phone numbers are not quantities', () => {
  for (const s of NOT_QUANTITIES) assert.deepEqual(quantities(s), [], s);
});

test('a count of years is a quantity, the year itself is not', () => {
  assert.deepEqual(quantities('After 20 years of war, in 2021, they left.'), [['20', 20, 20, 'years']]);
});

// Amounts with a scale word or suffix, currency signs and codes, and the forms translated copy uses.
const SCALED: [string, (string | number | null)[][]][] = [
  ['The government budgeted $25 million for drones.', [['$25 million', 25e6, 25e6, 'dollars']]],
  ['The fund pledged 25m to the region.', [['25m', 25e6, 25e6, null]]],
  ['The bank lent Kenya $1.2 billion.', [['$1.2 billion', 1.2e9, 1.2e9, 'dollars']]],
  ['Some half a million people have fled.', [['Some half a million', 5e5, 5e5, 'people']]],
  ['The country spent $25-million on arms.', [['$25-million', 25e6, 25e6, 'dollars']]],
  ['A 25-million-dollar plan was adopted.', [['25-million', 25e6, 25e6, 'dollar']]],
  ['They paid $ 25 million in ransom.', [['$ 25 million', 25e6, 25e6, 'dollars']]],
  ['The World Bank released USD 25 million.', [['USD 25 million', 25e6, 25e6, 'dollars']]],
  ['Police recovered KSh 25 million from the suspects.', [['KSh 25 million', 25e6, 25e6, 'Kenyan shillings']]],
  ['Kenya lost Sh25 million in the scam.', [['Sh25 million', 25e6, 25e6, 'shillings']]],
  ['The fund holds 25 mln dollars.', [['25 mln', 25e6, 25e6, 'dollars']]],
  ['The fighting displaced 25 millions of people.', [['25 millions', 25e6, 25e6, null]]],
  ['They received 1,2 billion francs.', [['1,2 billion', 1.2e9, 1.2e9, 'francs']]],
  ['Nearly 25 000 people fled to Goma.', [['Nearly 25 000', 25000, 25000, 'people']]],
  ['The war displaced 25.000.000 people.', [['25.000.000', 25e6, 25e6, 'people']]],
  ['The EU pledged €25 million ($27 million) for refugees.', [['€25 million', 25e6, 25e6, 'euros'], ['$27 million', 27e6, 27e6, 'dollars']]],
];

test('scaled amounts: number + scale word or suffix, currency signs and codes, translated forms', () => {
  for (const [sentence, expected] of SCALED) assert.deepEqual(quantities(sentence), expected, sentence);
});

test('currency codes need a number; a bracketed bare number is still not a quantity', () => {
  assert.deepEqual(quantities('The USD weakened and the Sh fell.'), []);
  assert.deepEqual(quantities('The ruling (5) was cited.'), []);
});

test('a scaled amount after a capitalised word or before a name is still a quantity; a plain one there is a name', () => {
  assert.deepEqual(quantities('The war has displaced in North Kivu 2 million people.').map((q) => q[1]), [2e6]);
  assert.deepEqual(quantities('Aid reached the 25 million Congolese who fled.').map((q) => q[1]), [25e6]);
  assert.deepEqual(quantities('He commands the 215 Maiwand Corps.'), []);
  assert.deepEqual(quantities('Under Article 5 the allies respond.'), []);
});
