// Relations: role phrases, structure (branches, units, districts), verb and statement cues,
// symmetric storage, evidence merging and source attribution, on hand-built contexts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractRelations, fitsSignature } from '../src/extract/relations.js';
import type { Relation } from '../src/types.js';
import { fixture, type Fixture } from './extract-fixture.js';

const run = (f: Fixture) => extractRelations(f.ctx, f.attr);
const has = (rs: Relation[], f: Fixture, type: string, s: string, o: string) =>
  rs.find((r) => r.type === type && r.subject === f.id(s) && r.object === f.id(o));
const list = (rs: Relation[], f: Fixture) => rs.map((r) => `${f.ctx.entities.find((e) => e.id === r.subject)?.name} ${r.type} ${f.ctx.entities.find((e) => e.id === r.object)?.name}`);

test('apposition: "X, a prominent member of the Y negotiating team" → member_of', () => {
  const f = fixture('Sohail Shaheen, a prominent member of the Taliban negotiating team, told reporters the deal was dead.', [['Sohail Shaheen', 'PERSON'], ['Taliban', 'ORG']]);
  const rs = run(f);
  assert.ok(has(rs, f, 'member_of', 'Sohail Shaheen', 'Taliban'), list(rs, f).join('; '));
  assert.equal(rs.length, 1);
  assert.equal(rs[0].id, 'r1');
});

test('apposition with a definite role and a unit chain: leader_of the corps, corps part_of the army', () => {
  const f = fixture('“We hold the line,” said Sami Sadat, commanding general of the 215 Maiwand Corps of the. Afghan Army, a specialized unit.',
    [['Sami Sadat', 'PERSON'], ['215 Maiwand Corps', 'ORG'], ['Afghan Army', 'ORG']]);
  const rs = run(f);
  assert.ok(has(rs, f, 'leader_of', 'Sami Sadat', '215 Maiwand Corps'), list(rs, f).join('; '));
  assert.ok(has(rs, f, 'part_of', '215 Maiwand Corps', 'Afghan Army'), list(rs, f).join('; '));
});

test('bracketed role: "Mullah Omar [founder of the Taliban]" → founder_of', () => {
  const f = fixture('Let us not forget that Mullah Omar [founder of the Taliban] sacrificed his emirate.', [['Mullah Omar', 'PERSON'], ['Taliban', 'ORG']]);
  assert.ok(has(run(f), f, 'founder_of', 'Mullah Omar', 'Taliban'));
});

test('academic affiliation takes the most specific organisation of "University\'s Center"', () => {
  const f = fixture('Ali Mir Asfandyar, postdoctoral fellow at Stanford University’s Center for International Security, told the paper.',
    [['Ali Mir Asfandyar', 'PERSON'], ['Stanford University', 'ORG'], ['Center for International Security', 'ORG']]);
  const rs = run(f);
  assert.ok(has(rs, f, 'affiliated_with', 'Ali Mir Asfandyar', 'Center for International Security'), list(rs, f).join('; '));
  assert.equal(rs.length, 1);
});

test('role before the name: "Taliban leader X", "another al-Qaeda leader, Y", "ISIS spokesman Z", "Hamas\'s leader W"', () => {
  const f = fixture('Members of AQIS worked with Taliban leader Mullah Wakeel. Earlier, another al-Qaeda leader, Abu Tajiki, was killed. ISIS spokesman Abu Hamza issued a statement. Hamas’s leader Yahya Sinwar spoke.',
    [['AQIS', 'ORG'], ['Taliban', 'ORG'], ['Mullah Wakeel', 'PERSON'], ['al-Qaeda', 'ORG'], ['Abu Tajiki', 'PERSON'], ['ISIS', 'ORG'], ['Abu Hamza', 'PERSON'], ['Hamas', 'ORG'], ['Yahya Sinwar', 'PERSON']]);
  const rs = run(f);
  assert.ok(has(rs, f, 'member_of', 'Mullah Wakeel', 'Taliban'), list(rs, f).join('; '));
  assert.ok(has(rs, f, 'member_of', 'Abu Tajiki', 'al-Qaeda'));
  assert.ok(has(rs, f, 'spokesperson_for', 'Abu Hamza', 'ISIS'));
  assert.ok(has(rs, f, 'leader_of', 'Yahya Sinwar', 'Hamas'));
});

test('state title: "President Joe Biden" leads the one country of the sentence; not with two countries or "former"', () => {
  const f = fixture('President Joe Biden argued that al-Qaeda was no longer a threat to the United States. President Ashraf Ghani met officials from the United States and Pakistan. Former President Trump stayed away from the United States.',
    [['Joe Biden', 'PERSON'], ['al-Qaeda', 'ORG'], ['United States', 'GPE'], ['Ashraf Ghani', 'PERSON'], ['Pakistan', 'GPE'], ['Trump', 'PERSON']]);
  const rs = run(f);
  assert.ok(has(rs, f, 'leader_of', 'Joe Biden', 'United States'));
  assert.equal(rs.filter((r) => r.type === 'leader_of').length, 1, list(rs, f).join('; '));
});

test('branch named after its parent: "Al Qaeda in the Indian Subcontinent (AQIS)" part_of Al Qaeda, whole name or split by the tagger', () => {
  const whole = fixture('Most are members of Al Qaeda in the Indian Subcontinent, a branch active in Pakistan. Al Qaeda denied it.',
    [['Al Qaeda in the Indian Subcontinent', 'ORG'], ['Al Qaeda', 'ORG'], ['Pakistan', 'GPE']]);
  assert.ok(has(run(whole), whole, 'part_of', 'Al Qaeda in the Indian Subcontinent', 'Al Qaeda'));
  const split = fixture('Most are members of Al Qaeda in the Indian Subcontinent (AQIS), crossing the border.',
    [['Al Qaeda', 'ORG'], ['Indian Subcontinent', 'LOC'], ['AQIS', 'ORG']]);
  assert.ok(has(run(split), split, 'part_of', 'AQIS', 'Al Qaeda'));
});

test('districts of provinces: "X district of Y province" → part_of', () => {
  const f = fixture('In a recent airstrike in Nahr-e-Seraj district of Helmand province, five insurgents died.', [['Nahr-e-Seraj', 'GPE'], ['Helmand', 'GPE']]);
  const rs = run(f);
  assert.ok(has(rs, f, 'part_of', 'Nahr-e-Seraj', 'Helmand'));
  assert.equal(rs.length, 1);
});

test('verbs: trains (pronoun subject from context), harbors, pledged allegiance, recruits from, married into', () => {
  const f = fixture('Al Qaeda’s involvement with the Taliban ran deeper. “They are not only fighting, but also training the Taliban to make IEDs,” he said. Sources confirmed that the Taliban were harboring al-Qaeda operatives. Some 6,000 Taliban fighters have pledged allegiance to Al Qaeda. The group is said to have recruited fighters from the ranks of the Taliban. Many of their foreign fighters married Taliban daughters.',
    [['Al Qaeda', 'ORG', 'al-Qaeda'], ['Taliban', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'trains', 'Al Qaeda', 'Taliban'), l);
  assert.ok(has(rs, f, 'harbors', 'Taliban', 'Al Qaeda'), l);
  assert.ok(has(rs, f, 'pledged_allegiance_to', 'Taliban', 'Al Qaeda'), l);
  assert.ok(has(rs, f, 'recruits_from', 'Al Qaeda', 'Taliban'), l);
  assert.ok(rs.some((r) => r.type === 'kinship_with'), l);
});

test('statements: "close ties with", "aligns itself with", "backed by" (subject and object swap), "war against"', () => {
  const f = fixture('Officials said al-Qaeda continues to have close ties with the Taliban. In general, Al-Qaeda aligns itself with the Taliban strategy. The militia is backed by Iran. If the Taliban win the war against the United States, they will rule.',
    [['al-Qaeda', 'ORG', 'Al-Qaeda'], ['Taliban', 'ORG'], ['Iran', 'GPE'], ['United States', 'GPE']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  const allied = rs.filter((r) => r.type === 'allied_with');
  assert.equal(allied.length, 1, l);
  assert.equal(allied[0].evidence.length, 2, 'both statements are evidence of one relation');
  assert.ok(has(rs, f, 'opposes', 'Taliban', 'United States') || has(rs, f, 'opposes', 'United States', 'Taliban'), l);
});

test('a participle far from its named subject does not borrow one: "groups of fighters aligned with X"', () => {
  const f = fixture('Senior leaders remain present, along with AQIS and groups of foreign terrorist fighters aligned with the Taliban.', [['AQIS', 'ORG'], ['Taliban', 'ORG']]);
  assert.deepEqual(run(f), []);
});

test('symmetric relations are stored once in canonical order and evidence merges across phrasings', () => {
  const f = fixture('Its adherents were seen fighting alongside the Taliban, officials said of al-Qaeda. “Al Qaeda and the Taliban are still fighting together,” a soldier said.',
    [['Taliban', 'ORG'], ['al-Qaeda', 'ORG', 'Al Qaeda']], { quotes: [['Al Qaeda and the Taliban are still fighting together,', 'a soldier']] });
  const rs = run(f).filter((r) => r.type === 'fights_alongside');
  assert.equal(rs.length, 1, JSON.stringify(rs));
  assert.equal(rs[0].subject, f.id('Taliban'), 'e1 before e2');
  assert.equal(rs[0].object, f.id('al-Qaeda'));
  assert.deepEqual(rs[0].sources, ['s1']);
});

test('sources: a relation stated inside a quote carries its source; negated statements are dropped', () => {
  const text = '“The Taliban never harbored al-Qaeda,” a spokesman said. “Al-Qaeda operatives generally assist the Taliban in complex operations,” a soldier said.';
  const f = fixture(text, [['Taliban', 'ORG'], ['al-Qaeda', 'ORG', 'Al-Qaeda']], { quotes: [['The Taliban never harbored al-Qaeda,', 'a spokesman'], ['Al-Qaeda operatives generally assist the Taliban in complex operations,', 'a soldier']] });
  const rs = run(f);
  assert.ok(!rs.some((r) => r.type === 'harbors'));
  const s = has(rs, f, 'supports', 'al-Qaeda', 'Taliban');
  assert.ok(s, list(rs, f).join('; '));
  assert.deepEqual(s!.sources, ['s2']);
  assert.ok(s!.confidence > 0 && s!.confidence < 1);
});

test('apposition with words before the role and a host institution: "a China scholar with X", "administrator for Y at Z\'s W"; institutions "in" a city', () => {
  const f = fixture('Derek Scissors, a China scholar with the American Enterprise Institute in Washington, said so. Charles Simpson, program administrator for the Refugees in Towns Project at Tufts University’s Feinstein International Center, told reporters.',
    [['Derek Scissors', 'PERSON'], ['China', 'GPE'], ['American Enterprise Institute', 'ORG'], ['Washington', 'GPE'], ['Charles Simpson', 'PERSON'], ['Refugees in Towns Project', 'ORG'], ['Tufts University', 'ORG'], ['Feinstein International Center', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'affiliated_with', 'Derek Scissors', 'American Enterprise Institute'), l);
  assert.ok(has(rs, f, 'located_in', 'American Enterprise Institute', 'Washington'), l);
  assert.ok(has(rs, f, 'member_of', 'Charles Simpson', 'Refugees in Towns Project'), l);
  assert.ok(has(rs, f, 'affiliated_with', 'Charles Simpson', 'Feinstein International Center'), l);
  assert.ok(!rs.some((r) => r.object === f.id('China')), l);
});

test('"X, who met the leader of Y" is no role apposition; a spokesperson may speak for a person or an unknown-place name', () => {
  const f = fixture('Ali Khan, who met the leader of Hamas, spoke. Sean Robertson, a spokesperson for Inherent Resolve, said. Omar Lamrani, a senior military analyst at Stratfor, said.',
    [['Ali Khan', 'PERSON'], ['Hamas', 'ORG'], ['Sean Robertson', 'PERSON'], ['Inherent Resolve', 'PERSON'], ['Omar Lamrani', 'PERSON'], ['Stratfor', 'GPE']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(!rs.some((r) => r.subject === f.id('Ali Khan')), l);
  assert.ok(has(rs, f, 'spokesperson_for', 'Sean Robertson', 'Inherent Resolve'), l);
  assert.ok(has(rs, f, 'affiliated_with', 'Omar Lamrani', 'Stratfor'), l);
});

test('office holders of states: "US Trade Representative X" and "Chinese vice-premier Y" are members, "under President Z" is not the head of the country before it', () => {
  const f = fixture('US Trade Representative Robert Lighthizer met Chinese vice-premier Liu He. The US will keep its base after troops leave Syria under President Donald Trump’s plan.',
    [['US', 'GPE'], ['Robert Lighthizer', 'PERSON'], ['Chinese', 'NORP'], ['Liu He', 'PERSON'], ['China', 'GPE'], ['Syria', 'GPE'], ['Donald Trump', 'PERSON']],
    { geo: { US: { country: 'US', feature: 'country' }, China: { country: 'CN', feature: 'country' }, Syria: { country: 'SY', feature: 'country' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'member_of', 'Robert Lighthizer', 'US'), l);
  assert.ok(has(rs, f, 'member_of', 'Liu He', 'China'), l);
  assert.ok(has(rs, f, 'leader_of', 'Donald Trump', 'US'), l);
  assert.ok(!has(rs, f, 'leader_of', 'Donald Trump', 'Syria'), l);
});

test('ministers and ministries, "Hitler\'s Germany", "ousted X"; the outlet of "VOA Pentagon correspondent X"', () => {
  const f = fixture('Austria’s interior minister said on Tuesday the house will change. Interior Minister Wolfgang Peschorn said the Interior Ministry agreed. Austria was annexed by Hitler’s Germany in 1938. Protests in Bolivia against the government that ousted Evo Morales went on. He told VOA Pentagon correspondent Carla Babb.',
    [['Austria', 'GPE'], ['Wolfgang Peschorn', 'PERSON'], ['Interior Ministry', 'ORG'], ['Hitler', 'PERSON'], ['Germany', 'GPE'], ['Bolivia', 'GPE'], ['Evo Morales', 'PERSON'], ['VOA', 'ORG'], ['Pentagon', 'ORG'], ['Carla Babb', 'PERSON']],
    { geo: { Austria: { country: 'AT', feature: 'country' }, Germany: { country: 'DE', feature: 'country' }, Bolivia: { country: 'BO', feature: 'country' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'leader_of', 'Wolfgang Peschorn', 'Interior Ministry'), l);
  assert.ok(has(rs, f, 'part_of', 'Interior Ministry', 'Austria'), l);
  assert.ok(has(rs, f, 'leader_of', 'Hitler', 'Germany'), l);
  assert.ok(has(rs, f, 'leader_of', 'Evo Morales', 'Bolivia'), l);
  assert.ok(has(rs, f, 'affiliated_with', 'Carla Babb', 'VOA'), l);
  assert.ok(!rs.some((r) => r.subject === f.id('Carla Babb') && r.object === f.id('Pentagon')), l);
});

test('places: "southern Syria\'s al-Tanf", a dateline "HAYWARD, Calif.", a city police department; not a list of states', () => {
  const f = fixture('HAYWARD, Calif. (AP) — A man died in Hayward. U.S. forces in southern Syria’s al-Tanf stayed. Fort Worth Police Department responded in Fort Worth. Voters in Ohio, Michigan and Pennsylvania agree.',
    [['Hayward', 'GPE', 'HAYWARD'], ['Calif', 'GPE'], ['AP', 'ORG'], ['U.S.', 'GPE'], ['Syria', 'GPE'], ['al-Tanf', 'GPE'], ['Fort Worth Police Department', 'ORG'], ['Fort Worth', 'GPE'], ['Ohio', 'GPE'], ['Michigan', 'GPE'], ['Pennsylvania', 'GPE']],
    { geo: { Hayward: { country: 'US', feature: 'city', admin1: 'California' }, Syria: { country: 'SY', feature: 'country' }, 'Fort Worth': { country: 'US', feature: 'city', admin1: 'Texas' },
      Ohio: { country: 'US', feature: 'admin1', admin1: 'Ohio' }, Michigan: { country: 'US', feature: 'admin1', admin1: 'Michigan' }, Pennsylvania: { country: 'US', feature: 'admin1', admin1: 'Pennsylvania' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'located_in', 'Hayward', 'Calif'), l);
  assert.ok(has(rs, f, 'located_in', 'al-Tanf', 'Syria'), l);
  assert.ok(has(rs, f, 'located_in', 'Fort Worth Police Department', 'Fort Worth'), l);
  assert.equal(rs.length, 3, l);
});

test('"U.S.-backed rebels" support: the backer supports the group', () => {
  const f = fixture('The U.S.-backed Syrian Democratic Forces held the town.', [['U.S.', 'GPE'], ['Syrian Democratic Forces', 'ORG']]);
  assert.ok(has(run(f), f, 'supports', 'U.S.', 'Syrian Democratic Forces'), list(run(f), f).join('; '));
});

// ---- generalisation: titles before names, group-to-group ties (no actor names in the rules) ----

test('titles before names: "Army spokesman Col. X", "RSF commander X", "army chief General X", "Y\'s president X", "the president, X"', () => {
  const f = fixture('Sudanese Army spokesman Col. Nabil Abdallah denied it. RSF commander Abdel Rahim said otherwise. The army chief General Ali Karti visited. Mali’s president Assimi Goita spoke in Bamako, Mali. The president, Felix Tshisekedi, said Congo would win.',
    [['Sudanese Army', 'ORG', 'army'], ['Nabil Abdallah', 'PERSON'], ['RSF', 'ORG'], ['Abdel Rahim', 'PERSON'], ['Ali Karti', 'PERSON'], ['Mali', 'GPE'], ['Assimi Goita', 'PERSON'], ['Bamako', 'GPE'], ['Felix Tshisekedi', 'PERSON'], ['Congo', 'GPE']],
    { geo: { Mali: { country: 'ML', feature: 'country' }, Congo: { country: 'CD', feature: 'country' }, Bamako: { country: 'ML', feature: 'city' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'spokesperson_for', 'Nabil Abdallah', 'Sudanese Army'), l);
  assert.ok(has(rs, f, 'member_of', 'Abdel Rahim', 'RSF') || has(rs, f, 'leader_of', 'Abdel Rahim', 'RSF'), l);
  assert.ok(has(rs, f, 'leader_of', 'Ali Karti', 'Sudanese Army'), l);
  assert.ok(has(rs, f, 'leader_of', 'Assimi Goita', 'Mali'), l);
  assert.ok(has(rs, f, 'leader_of', 'Felix Tshisekedi', 'Congo'), l);
});

test('ministers and spokespeople: "Foreign Minister X" of the country nearby, "Y spokesperson X", "the spokesman of the government, X"', () => {
  const f = fixture('Kenya said it would send police. Foreign Minister Musalia Mudavadi said the mission would start soon. The spokesman of the Transitional Council, Ahmed Musa, said talks continued. Hamas spokesperson Hazem Qassem said the same.',
    [['Kenya', 'GPE'], ['Musalia Mudavadi', 'PERSON'], ['Transitional Council', 'ORG'], ['Ahmed Musa', 'PERSON'], ['Hamas', 'ORG'], ['Hazem Qassem', 'PERSON']],
    { geo: { Kenya: { country: 'KE', feature: 'country' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'member_of', 'Musalia Mudavadi', 'Kenya'), l);
  assert.ok(has(rs, f, 'spokesperson_for', 'Ahmed Musa', 'Transitional Council'), l);
  assert.ok(has(rs, f, 'spokesperson_for', 'Hazem Qassem', 'Hamas'), l);
});

test('trains: passive "X is trained by Y" and "trained at camps run by Y" have the trainer as subject', () => {
  const f = fixture('The Northern Brigade is trained by the Revolutionary Guard. Many recruits of the Eastern Front were trained at camps run by the Liberation Army.',
    [['Northern Brigade', 'ORG'], ['Revolutionary Guard', 'ORG'], ['Eastern Front', 'ORG'], ['Liberation Army', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'trains', 'Revolutionary Guard', 'Northern Brigade'), l);
  assert.ok(!has(rs, f, 'trains', 'Northern Brigade', 'Revolutionary Guard'), l);
  assert.ok(has(rs, f, 'trains', 'Liberation Army', 'Eastern Front'), l);
});

test('supports: "Y-backed X", "X, backed by Y", "Y is accused of backing X", "support from Y"', () => {
  const f = fixture('The Rwanda-backed M-Group seized the town. The Popular Front, backed by Eritrea, held out. Kinshasa accuses Uganda of backing the Allied Militia. The Southern Movement receives support from Ethiopia.',
    [['Rwanda', 'GPE'], ['M-Group', 'ORG'], ['Popular Front', 'ORG'], ['Eritrea', 'GPE'], ['Kinshasa', 'GPE'], ['Uganda', 'GPE'], ['Allied Militia', 'ORG'], ['Southern Movement', 'ORG'], ['Ethiopia', 'GPE']],
    { geo: { Rwanda: { country: 'RW', feature: 'country' }, Eritrea: { country: 'ER', feature: 'country' }, Uganda: { country: 'UG', feature: 'country' }, Ethiopia: { country: 'ET', feature: 'country' }, Kinshasa: { country: 'CD', feature: 'city' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'supports', 'Rwanda', 'M-Group'), l);
  assert.ok(has(rs, f, 'supports', 'Eritrea', 'Popular Front'), l);
  assert.ok(has(rs, f, 'supports', 'Uganda', 'Allied Militia'), l);
  assert.ok(has(rs, f, 'supports', 'Ethiopia', 'Southern Movement'), l);
});

test('part_of: "X, a branch/faction of Y", "X, part of Y", "Y\'s X Brigade"', () => {
  const f = fixture('The Hill Battalion, a faction of the Popular Mobilization, fired rockets. Jama Group, part of the Northern Alliance, denied it. The Popular Mobilization’s Badr Brigade was not involved.',
    [['Hill Battalion', 'ORG'], ['Popular Mobilization', 'ORG'], ['Jama Group', 'ORG'], ['Northern Alliance', 'ORG'], ['Badr Brigade', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'part_of', 'Hill Battalion', 'Popular Mobilization'), l);
  assert.ok(has(rs, f, 'part_of', 'Jama Group', 'Northern Alliance'), l);
  assert.ok(has(rs, f, 'part_of', 'Badr Brigade', 'Popular Mobilization'), l);
});

test('opposes: "X is fighting Y", "clashes between X and Y", "X attacked Y", "offensive against X"', () => {
  const f = fixture('The Rapid Force is fighting the National Army in the capital. There were clashes between the Blue Militia and the Red Front. The Green Group attacked the Yellow Legion on Monday. The National Army launched an offensive against the Black Banner.',
    [['Rapid Force', 'ORG'], ['National Army', 'ORG'], ['Blue Militia', 'ORG'], ['Red Front', 'ORG'], ['Green Group', 'ORG'], ['Yellow Legion', 'ORG'], ['Black Banner', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  const opp = (a: string, b: string) => has(rs, f, 'opposes', a, b) || has(rs, f, 'opposes', b, a);
  assert.ok(opp('Rapid Force', 'National Army'), l);
  assert.ok(opp('Blue Militia', 'Red Front'), l);
  assert.ok(opp('Green Group', 'Yellow Legion'), l);
  assert.ok(opp('National Army', 'Black Banner'), l);
  assert.equal(rs.filter((r) => r.type === 'opposes').length, 4, l);
});

test('allied_with and allegiance: "X and Y, which are allied", "X\'s ally Y", "alliance of X and Y", "swore an oath of loyalty to Y"', () => {
  const f = fixture('The Blue Militia and the Red Front, which are allied, took the town. The Green Group’s ally, the Yellow Legion, stayed. An alliance of the Black Banner and the White Hand formed. The Grey Wolves swore an oath of loyalty to the Black Banner.',
    [['Blue Militia', 'ORG'], ['Red Front', 'ORG'], ['Green Group', 'ORG'], ['Yellow Legion', 'ORG'], ['Black Banner', 'ORG'], ['White Hand', 'ORG'], ['Grey Wolves', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  const al = (a: string, b: string) => has(rs, f, 'allied_with', a, b) || has(rs, f, 'allied_with', b, a);
  assert.ok(al('Blue Militia', 'Red Front'), l);
  assert.ok(al('Green Group', 'Yellow Legion'), l);
  assert.ok(al('Black Banner', 'White Hand'), l);
  assert.ok(has(rs, f, 'pledged_allegiance_to', 'Grey Wolves', 'Black Banner'), l);
});

test('a dateline "CITY, Country (AP) —" alone gives no located_in; a city named again in the body does', () => {
  const f = fixture('BAMAKO, Mali (AP) — Gunmen killed ten people on Monday.\nGAO, Mali (AP) — The attack near Gao was the worst.',
    [['Bamako', 'GPE', 'BAMAKO'], ['Mali', 'GPE'], ['AP', 'ORG'], ['Gao', 'GPE', 'GAO']],
    { geo: { Bamako: { country: 'ML', feature: 'city' }, Mali: { country: 'ML', feature: 'country' }, Gao: { country: 'ML', feature: 'city' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(!has(rs, f, 'located_in', 'Bamako', 'Mali'), l);
  assert.ok(has(rs, f, 'located_in', 'Gao', 'Mali'), l);
});

test('"training the opposition forces known as X – formerly Y – to fight against Z": trains X, X opposes Z, nothing for Y', () => {
  const f = fixture('The U.S. military reportedly has been training the Syrian opposition forces known as Maghawir al Thawra – formerly the Free Army – to fight against Islamic State.',
    [['U.S.', 'GPE'], ['Syrian', 'NORP'], ['Maghawir al Thawra', 'ORG'], ['Free Army', 'ORG'], ['Islamic State', 'ORG']], { geo: { 'U.S.': { country: 'US', feature: 'country' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'trains', 'U.S.', 'Maghawir al Thawra'), l);
  assert.ok(!rs.some((r) => r.subject === f.id('Free Army') || r.object === f.id('Free Army')), l);
});

test('opposes: an infinitive or modal fight ("require them to fight X", "no plan to fight X") is no tie', () => {
  const f = fixture('Deals that require them to fight members of the Blue Militia are unpopular. The Red Front has no plan to fight the Blue Militia. The Red Front would attack the Green Group.',
    [['Blue Militia', 'ORG'], ['Red Front', 'ORG'], ['Green Group', 'ORG']]);
  const rs = run(f);
  assert.deepEqual(list(rs, f), []);
});

// ---- unseen-news phrasings: nominal bodies, heads of state, group ties, structure, places ----

const SAHEL = { Velaria: { country: 'ML', feature: 'country' as const }, Rwanda: { country: 'RW', feature: 'country' as const } };

test('spokespeople named by their body: "the spokesman of the government, X", "the spokesperson of the Rwandan government, Y", "X, spokesperson of the movement"', () => {
  const f = fixture('Velaria will not negotiate, declared the spokesman of the government, Abdou Kane, on Monday. The Red Wind rebels took the town. Their gains are temporary, wrote on social media the spokesperson of the movement, Lina Oru. Later Pascal Niyo, spokesperson of the Rwandan government, denied it. Velaria again said it would hold.',
    [['Velaria', 'GPE'], ['Abdou Kane', 'PERSON'], ['Red Wind', 'ORG'], ['Lina Oru', 'PERSON'], ['Pascal Niyo', 'PERSON'], ['Rwandan', 'NORP'], ['Rwanda', 'GPE']], { geo: SAHEL });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'spokesperson_for', 'Abdou Kane', 'Velaria'), l);
  assert.ok(has(rs, f, 'spokesperson_for', 'Lina Oru', 'Red Wind'), l);
  assert.ok(has(rs, f, 'spokesperson_for', 'Pascal Niyo', 'Rwanda'), l);
  assert.ok(!has(rs, f, 'spokesperson_for', 'Pascal Niyo', 'Velaria'), l);
});

test('spokespeople: a government entity wins over the country; "the colonel X, spokesperson of the operations Y"; "army spokesman Col. X" of the national army', () => {
  const f = fixture('The Velarian Government said the talks failed, the spokesperson of the government, Abdou Kane, said. “We advanced,” said the colonel Souleymane Dia, spokesperson of the operations Sirocco Shield. Army spokesman Col. Mamadou Tall said Velarian Armed Forces held Velaria’s north.',
    [['Velarian Government', 'ORG'], ['Abdou Kane', 'PERSON'], ['Souleymane Dia', 'PERSON'], ['Sirocco Shield', 'ORG'], ['Mamadou Tall', 'PERSON'], ['Velarian Armed Forces', 'ORG'], ['Velaria', 'GPE']],
    { geo: { Velaria: { country: 'ML', feature: 'country' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'spokesperson_for', 'Abdou Kane', 'Velarian Government') || has(rs, f, 'spokesperson_for', 'Abdou Kane', 'Velaria'), l);
  assert.ok(has(rs, f, 'spokesperson_for', 'Souleymane Dia', 'Sirocco Shield'), l);
});

test('heads of state: "The president X" in a one-country article, "his Rwandan counterpart Y", "Country\'s supreme leader, Ayatollah Z", "X, the junta leader", "X, who leads Country"', () => {
  const f = fixture('Velaria closed its border. The president Amadou Sow flew to Kigali on Monday to meet his Rwandan counterpart Jean Habimana. Velaria’s envoy stayed home. Iran’s supreme leader, Ayatollah Reza Karimi, sent a message. Velaria’s Colonel Ibrahim Touré, the junta leader, replied. Emile Roche, who leads Freedonia, did not.',
    [['Velaria', 'GPE'], ['Amadou Sow', 'PERSON'], ['Kigali', 'GPE'], ['Rwandan', 'NORP'], ['Rwanda', 'GPE'], ['Jean Habimana', 'PERSON'], ['Iran', 'GPE'], ['Reza Karimi', 'PERSON'], ['Ibrahim Touré', 'PERSON'], ['Emile Roche', 'PERSON'], ['Freedonia', 'GPE']],
    { geo: { ...SAHEL, Kigali: { country: 'RW', feature: 'city' }, Iran: { country: 'IR', feature: 'country' }, Freedonia: { country: 'FR', feature: 'country' } } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'leader_of', 'Amadou Sow', 'Velaria'), l);
  assert.ok(has(rs, f, 'leader_of', 'Jean Habimana', 'Rwanda'), l);
  assert.ok(has(rs, f, 'leader_of', 'Reza Karimi', 'Iran'), l);
  assert.ok(has(rs, f, 'leader_of', 'Ibrahim Touré', 'Velaria'), l);
  assert.ok(has(rs, f, 'leader_of', 'Emile Roche', 'Freedonia'), l);
});

test('"The president X" is not guessed when the person is named another country\'s head, or when no country leads the article', () => {
  const f = fixture('Velaria and Rwanda met. Rwandan President Jean Habimana spoke. The president Jean Habimana then left.',
    [['Velaria', 'GPE'], ['Rwanda', 'GPE'], ['Rwandan', 'NORP'], ['Jean Habimana', 'PERSON']], { geo: SAHEL });
  const rs = run(f);
  assert.ok(!has(rs, f, 'leader_of', 'Jean Habimana', 'Velaria'), list(rs, f).join('; '));
});

test('group leaders and members: "the group\'s leader X", "X, who heads Y", "X, the founder of Y", "X, a commander in Y", "X, a member of Y\'s political bureau", "X, a 24-year-old fighter with Y"', () => {
  const f = fixture('The Red Wind attacked again. The group’s leader Idris Bako vowed more. Omar Saleh, who heads the Blue Brigade, disagreed. Nadia Fall, the founder of the Green Front, agreed. Yusuf Dan, a commander in the Red Wind, was killed. Halim Ra, a member of Grey Hand’s political bureau, spoke. Abu Sami, a 24-year-old fighter with the Black Sun, fled.',
    [['Red Wind', 'ORG'], ['Idris Bako', 'PERSON'], ['Omar Saleh', 'PERSON'], ['Blue Brigade', 'ORG'], ['Nadia Fall', 'PERSON'], ['Green Front', 'ORG'], ['Yusuf Dan', 'PERSON'], ['Halim Ra', 'PERSON'], ['Grey Hand', 'ORG'], ['Abu Sami', 'PERSON'], ['Black Sun', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'leader_of', 'Idris Bako', 'Red Wind'), l);
  assert.ok(has(rs, f, 'leader_of', 'Omar Saleh', 'Blue Brigade'), l);
  assert.ok(has(rs, f, 'founder_of', 'Nadia Fall', 'Green Front'), l);
  assert.ok(has(rs, f, 'member_of', 'Yusuf Dan', 'Red Wind'), l);
  assert.ok(has(rs, f, 'member_of', 'Halim Ra', 'Grey Hand'), l);
  assert.ok(has(rs, f, 'member_of', 'Abu Sami', 'Black Sun'), l);
});

test('alliances: "X and its allies, the militias Y and Z", "Y, allied with X", "X joined forces with Y"', () => {
  const f = fixture('The Red Wind and its allies, the militias Blue Brigade and Green Front, advanced. The Grey Hand, allied with the Black Sun, held out. The White Star joined forces with the Gold Ring.',
    [['Red Wind', 'ORG'], ['Blue Brigade', 'ORG'], ['Green Front', 'ORG'], ['Grey Hand', 'ORG'], ['Black Sun', 'ORG'], ['White Star', 'ORG'], ['Gold Ring', 'ORG']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  const al = (a: string, b: string) => has(rs, f, 'allied_with', a, b) || has(rs, f, 'allied_with', b, a);
  assert.ok(al('Red Wind', 'Blue Brigade'), l);
  assert.ok(al('Red Wind', 'Green Front'), l);
  assert.ok(!al('Blue Brigade', 'Green Front'), l);
  assert.ok(al('Grey Hand', 'Black Sun'), l);
  assert.ok(al('White Star', 'Gold Ring'), l);
});

test('enmity and backing: "clashes pitting X against Y", "X accused Y of attacking", "X accuses Y of backing Z" (sourced to X), "Z, which X backs", "X supplies weapons to Z"; denials give nothing', () => {
  const f = fixture('Clashes pitting the Red Wind against the Blue Brigade killed ten. Velaria accused the Green Front of attacking its positions. Velaria accuses Rwanda of backing the Red Wind. The Grey Hand, which Rwanda backs, advanced. Freedonia supplies weapons to the Blue Brigade. Rwanda denied backing the Grey Hand. Freedonia denies that it arms the Black Sun.',
    [['Red Wind', 'ORG'], ['Blue Brigade', 'ORG'], ['Velaria', 'GPE'], ['Green Front', 'ORG'], ['Rwanda', 'GPE'], ['Grey Hand', 'ORG'], ['Freedonia', 'GPE'], ['Black Sun', 'ORG']],
    { geo: { ...SAHEL, Freedonia: { country: 'FR', feature: 'country' } }, sourceOf: { Velaria: 'the government' } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  const opp = (a: string, b: string) => has(rs, f, 'opposes', a, b) || has(rs, f, 'opposes', b, a);
  assert.ok(opp('Red Wind', 'Blue Brigade'), l);
  assert.ok(opp('Velaria', 'Green Front'), l);
  const sup = has(rs, f, 'supports', 'Rwanda', 'Red Wind');
  assert.ok(sup, l);
  assert.deepEqual(sup!.sources, ['s1']);
  assert.ok(has(rs, f, 'supports', 'Rwanda', 'Grey Hand'), l);
  assert.equal(has(rs, f, 'supports', 'Rwanda', 'Grey Hand')!.evidence.length, 1, 'the denial is no evidence');
  assert.ok(has(rs, f, 'supports', 'Freedonia', 'Blue Brigade'), l);
  assert.ok(!has(rs, f, 'supports', 'Freedonia', 'Black Sun'), l);
});

test('fights_alongside: "soldiers of X fighting alongside Z"', () => {
  const f = fixture('Soldiers of the Velarian Army were seen fighting alongside the Red Wind near the border.', [['Velarian Army', 'ORG'], ['Red Wind', 'ORG']]);
  const rs = run(f);
  assert.ok(has(rs, f, 'fights_alongside', 'Velarian Army', 'Red Wind') || has(rs, f, 'fights_alongside', 'Red Wind', 'Velarian Army'), list(rs, f).join('; '));
});

test('structure: national armies and police belong to their state; "Free X Army" does not; umbrellas, alliance members, "the Y\'s foreign arm"', () => {
  const f = fixture('The armed forces of Velaria (FAV) retook the town. Rwandan Defence Forces crossed from Rwanda. The Free Velarian Army, a rebel group, fled Velaria. The Northern Front, an umbrella of armed groups including the Red Wind and the Blue Brigade, met. Velaria, a member of the Alliance of Dune States, agreed. The Storm Force, the Guard Corps’s foreign arm, trained them.',
    [['Velaria', 'GPE'], ['FAV', 'ORG'], ['Rwandan Defence Forces', 'ORG'], ['Rwanda', 'GPE'], ['Free Velarian Army', 'ORG'], ['Northern Front', 'ORG'], ['Red Wind', 'ORG'], ['Blue Brigade', 'ORG'], ['Alliance of Dune States', 'ORG'], ['Storm Force', 'ORG'], ['Guard Corps', 'ORG']],
    { geo: SAHEL });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'part_of', 'FAV', 'Velaria'), l);
  assert.ok(has(rs, f, 'part_of', 'Rwandan Defence Forces', 'Rwanda'), l);
  assert.ok(!rs.some((r) => r.subject === f.id('Free Velarian Army')), l);
  assert.ok(has(rs, f, 'part_of', 'Red Wind', 'Northern Front'), l);
  assert.ok(has(rs, f, 'part_of', 'Blue Brigade', 'Northern Front'), l);
  assert.ok(has(rs, f, 'member_of', 'Velaria', 'Alliance of Dune States'), l);
  assert.ok(has(rs, f, 'part_of', 'Storm Force', 'Guard Corps'), l);
});

test('"the Malian army (FAMa)" is part of the nationality\'s state; "Country joined the alliance Y" is membership', () => {
  const f = fixture('Soldiers of the Rwandan army (RAF) patrolled. In 2023 Velaria joined the Dune Confederation. Rwanda stayed out.',
    [['Rwandan', 'NORP'], ['RAF', 'ORG'], ['Velaria', 'GPE'], ['Dune Confederation', 'ORG'], ['Rwanda', 'GPE']], { geo: SAHEL });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'part_of', 'RAF', 'Rwanda'), l);
  assert.ok(has(rs, f, 'member_of', 'Velaria', 'Dune Confederation'), l);
});

test('places: "in X, in Y province", "X, a town in Y", "the X neighbourhood of Y"; not "X, near the border with Y"', () => {
  const f = fixture('Gunmen struck in Tarka, in Dosso province. Bara, a town in eastern Velaria, was shelled. Shells hit the Kanu neighbourhood of Sabal. Fighting reached Miri, near the border with Rwanda.',
    [['Tarka', 'GPE'], ['Dosso', 'GPE'], ['Bara', 'GPE'], ['Velaria', 'GPE'], ['Kanu', 'GPE'], ['Sabal', 'GPE'], ['Miri', 'GPE'], ['Rwanda', 'GPE']], { geo: SAHEL });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'located_in', 'Tarka', 'Dosso'), l);
  assert.ok(has(rs, f, 'located_in', 'Bara', 'Velaria'), l);
  assert.ok(has(rs, f, 'located_in', 'Kanu', 'Sabal'), l);
  assert.ok(!rs.some((r) => r.subject === f.id('Miri')), l);
});

test('training and recruiting: "X trains fighters of Y", "Y fighters trained by X", "Y recruits young men from Z" (a place)', () => {
  const f = fixture('The Guard Corps trains fighters of the Red Wind. Blue Brigade fighters trained by the Storm Force arrived. The Red Wind recruits young men from Basra.',
    [['Guard Corps', 'ORG'], ['Red Wind', 'ORG'], ['Blue Brigade', 'ORG'], ['Storm Force', 'ORG'], ['Basra', 'GPE']]);
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'trains', 'Guard Corps', 'Red Wind'), l);
  assert.ok(has(rs, f, 'trains', 'Storm Force', 'Blue Brigade'), l);
  assert.ok(has(rs, f, 'recruits_from', 'Red Wind', 'Basra'), l);
});

test('every relation names entities of the context and its evidence holds both mentions or a stated coreferent', () => {
  const f = fixture('Omar Saleh, who heads the Blue Brigade, disagreed. The Red Wind, allied with the Black Sun, held out.',
    [['Omar Saleh', 'PERSON'], ['Blue Brigade', 'ORG'], ['Red Wind', 'ORG'], ['Black Sun', 'ORG']]);
  const rs = run(f);
  const ids = new Set(f.ctx.entities.map((e) => e.id));
  for (const r of rs) {
    assert.ok(ids.has(r.subject) && ids.has(r.object));
    const ev = f.ctx.doc.text.slice(r.evidence[0].start, r.evidence[0].end);
    for (const id of [r.subject, r.object]) assert.ok([f.ctx.entities.find((e) => e.id === id)!.name].some((n) => ev.includes(n)), ev);
  }
  assert.equal(rs.length, 2, list(rs, f).join('; '));
});

test('"the spokesperson of the movement" in a paragraph naming no group is the article\'s leading armed group; "army spokesman" of an army introduced by its acronym; "its allies, the militias of the Y"', () => {
  const text = 'The Red Wind rebels took Bara. The Red Wind said more would follow. The armed forces of Velaria (FAV) said they held the line, said Col. Amadou Sow, army spokesman in the east.\n\nThe spokesperson of the movement, Lina Oru, wrote that the rebels would stay.\n\nThe Red Wind and its allies, the militias of the Blue Brigade, advanced.';
  const f = fixture(text, [['Red Wind', 'ORG'], ['Bara', 'GPE'], ['Velaria', 'GPE'], ['FAV', 'ORG'], ['Amadou Sow', 'PERSON'], ['Lina Oru', 'PERSON'], ['Blue Brigade', 'ORG']],
    { geo: SAHEL, subtype: { 'Red Wind': 'armed_group', 'Blue Brigade': 'armed_group', FAV: 'military_unit' } });
  const rs = run(f);
  const l = list(rs, f).join('; ');
  assert.ok(has(rs, f, 'spokesperson_for', 'Lina Oru', 'Red Wind'), l);
  assert.ok(has(rs, f, 'spokesperson_for', 'Amadou Sow', 'FAV'), l);
  assert.ok(has(rs, f, 'allied_with', 'Red Wind', 'Blue Brigade') || has(rs, f, 'allied_with', 'Blue Brigade', 'Red Wind'), l);
});

test('type signatures: nobody harbors a country, kinship ties people to people or groups to groups', () => {
  assert.equal(fitsSignature('harbors', 'ORG', 'GPE'), false);
  assert.equal(fitsSignature('harbors', 'GPE', 'ORG'), true);
  assert.equal(fitsSignature('kinship_with', 'ORG', 'PERSON'), false);
  assert.equal(fitsSignature('kinship_with', 'PERSON', 'PERSON'), true);
  assert.equal(fitsSignature('leader_of', 'GPE', 'ORG'), false);
  assert.equal(fitsSignature('located_in', 'ORG', 'GPE'), true);
  assert.equal(fitsSignature('located_in', 'GPE', 'ORG'), false);
});

test('containment between resolved places runs from the smaller to the larger, whatever the wording', () => {
  // the grammar reads "Kalma in Tawila", the gazetteer knows Tawila is a town inside the Kalma province
  const text = 'Fighting resumed in Kalma district of Tawila province, residents said.';
  const geo = { Tawila: { country: 'SD', feature: 'city' as const }, Kalma: { country: 'SD', feature: 'admin1' as const } };
  const f = fixture(text, [['Kalma', 'GPE'], ['Tawila', 'GPE']], { geo });
  const rs = run(f);
  assert.ok(has(rs, f, 'part_of', 'Tawila', 'Kalma'), list(rs, f).join('; '));
  assert.ok(!has(rs, f, 'part_of', 'Kalma', 'Tawila'), list(rs, f).join('; '));
  const plain = fixture(text, [['Kalma', 'GPE'], ['Tawila', 'GPE']]);
  assert.ok(has(run(plain), plain, 'part_of', 'Kalma', 'Tawila'), 'without geo the wording decides');
});
