// Entity resolution rules, on hand-made tagger candidates (independent of the NER model).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEntities } from '../src/resolve/index.js';
import type { CleanDocument, EntityType, MentionCandidate, NlpDocument } from '../src/types.js';

/** Candidates for every occurrence (word-bounded) of each [surface, type] in the text. */
function run(text: string, spans: [string, EntityType][]) {
  const cands: MentionCandidate[] = [];
  for (const [s, type] of spans) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) cands.push({ start: m.index!, end: m.index! + s.length, text: s, type });
  }
  const nlp: NlpDocument = { text, tokens: [], sentences: [] };
  const r = resolveEntities(cands, nlp, {} as CleanDocument);
  for (const m of r.mentions) assert.equal(text.slice(m.start, m.end), m.text, 'mention span matches text');
  const entityOf = (surface: string) => {
    const m = r.mentions.find((x) => x.text === surface);
    return m ? r.entities.find((e) => e.id === m.entity) : undefined;
  };
  return { ...r, entityOf };
}

test('spelling variants of one organisation are one entity', () => {
  const text = 'Al Qaeda met al-Qaeda. Later al Qaeda and Al-Qaeda split. Qaeda said no.';
  const r = run(text, [['Al Qaeda', 'ORG'], ['al-Qaeda', 'ORG'], ['al Qaeda', 'ORG'], ['Al-Qaeda', 'ORG'], ['Qaeda', 'ORG']]);
  const ids = new Set(r.mentions.map((m) => m.entity));
  assert.equal(ids.size, 1);
  assert.equal(r.entities[0].mentions.length, 5);
  assert.deepEqual(new Set([r.entities[0].name, ...r.entities[0].aliases]), new Set(['Al Qaeda', 'al-Qaeda', 'al Qaeda', 'Al-Qaeda', 'Qaeda']));
});

test('titles are stripped for matching and kept in mentions; surname back-reference', () => {
  const text = 'Sami Sadat leads the corps. General Sadat said so. Sadat added more.';
  const r = run(text, [['Sami Sadat', 'PERSON'], ['General Sadat', 'PERSON'], ['Sadat', 'PERSON']]);
  const e = r.entityOf('General Sadat')!;
  assert.equal(e.name, 'Sami Sadat');
  assert.equal(e.type, 'PERSON');
  assert.equal(e.mentions.length, 3);
  assert.ok(r.mentions.some((m) => m.text === 'General Sadat'));
});

test('President Joe Biden, Biden and Joe are one person', () => {
  const r = run('President Joe Biden spoke. Biden said it twice.', [['President Joe Biden', 'PERSON'], ['Biden', 'PERSON']]);
  assert.equal(r.entities.length, 1);
  assert.equal(r.entities[0].name, 'Joe Biden');
});

test('ambiguous surname shared by two people stays apart', () => {
  const text = 'Ali Khan met Imran Khan. Khan said nothing.';
  const r = run(text, [['Ali Khan', 'PERSON'], ['Imran Khan', 'PERSON'], ['Khan', 'PERSON']]);
  const ali = r.entityOf('Ali Khan')!, imran = r.entityOf('Imran Khan')!;
  assert.notEqual(ali.id, imran.id);
  assert.ok(!ali.aliases.includes('Khan') || !imran.aliases.includes('Khan'));
});

test('transliteration variants: Ben Laden, bin Laden, Usama bin Laden, Laden', () => {
  const text = 'Usama bin Laden hid. Ben Laden was found. bin Laden died. Laden is gone.';
  const r = run(text, [['Usama bin Laden', 'PERSON'], ['Ben Laden', 'PERSON'], ['bin Laden', 'PERSON'], ['Laden', 'PERSON']]);
  assert.equal(new Set(r.mentions.map((m) => m.entity)).size, 1);
  assert.equal(r.entities[0].name, 'Usama bin Laden');
});

test('Qaida/Qaeda spellings merge', () => {
  const r = run('al-Qaida and al-Qaeda are the same.', [['al-Qaida', 'ORG'], ['al-Qaeda', 'ORG']]);
  assert.equal(r.entities.length, 1);
});

test('possessives attach to the entity and are trimmed from the mention', () => {
  const text = "Sami Sadat spoke. Sadat's unit moved. The Taliban’s plan and Taliban fighters.";
  const r = run(text, [['Sami Sadat', 'PERSON'], ["Sadat's", 'PERSON'], ['Taliban’s', 'ORG'], ['Taliban', 'ORG']]);
  assert.equal(r.entityOf('Sami Sadat')!.mentions.length, 2);
  assert.ok(r.mentions.some((m) => m.text === 'Sadat'));
  assert.equal(r.entityOf('Taliban')!.mentions.length, 2);
});

test('acronym introduced in parentheses joins the long name; a longer name is not the shorter one', () => {
  const text = 'Al Qaeda fighters are members of Al Qaeda in the Indian Subcontinent (AQIS). AQIS grew.';
  const r = run(text, [['Al Qaeda in the Indian Subcontinent', 'ORG'], ['Al Qaeda', 'ORG'], ['AQIS', 'ORG']]);
  const aqis = r.entityOf('AQIS')!;
  const aq = r.mentions.find((m) => m.text === 'Al Qaeda')!;
  assert.equal(aqis.name, 'Al Qaeda in the Indian Subcontinent');
  assert.equal(aqis.mentions.length, 3);
  assert.notEqual(aq.entity, aqis.id);
});

test('acronym defined nearby without parentheses (spells a multi-word name)', () => {
  const text = 'the Center for International Security and Cooperation hosts fellows; CISAC is at Stanford.';
  const r = run(text, [['Center for International Security and Cooperation', 'ORG'], ['CISAC', 'ORG']]);
  assert.equal(r.entities.length, 1);
  assert.equal(r.entities[0].subtype, 'academic');
});

test('document-level consistency adds untagged occurrences, respecting word boundaries and longer mentions', () => {
  const text = 'Hazrat Ali fought. Later Hazrat Ali fled. Alice and Alibaba are not him. Ali returned.';
  const r = run(text, [['Hazrat Ali', 'PERSON']]);
  const e = r.entities.find((x) => x.name === 'Hazrat Ali')!;
  assert.equal(e.mentions.length, 3); // both full names plus the lone surname
  assert.ok(!r.mentions.some((m) => m.text.startsWith('Alice') || m.text.startsWith('Alibaba')));
});

test('places: LOC from the tagger becomes GPE for provinces, LOC for regions; "X province" resolves to X', () => {
  const text = 'Fighting in Helmand province spread. Helmand is in the south. Fighters crossed from the Middle East to Afghanistan.';
  const r = run(text, [['Helmand province', 'LOC'], ['Helmand', 'LOC'], ['Middle East', 'LOC'], ['Afghanistan', 'LOC']]);
  const h = r.entityOf('Helmand')!;
  assert.equal(h.type, 'GPE');
  assert.equal(h.mentions.length, 2);
  assert.equal(h.name, 'Helmand');
  assert.equal(h.geo?.feature, 'admin1');
  assert.equal(h.geo?.country, 'AF');
  assert.equal(h.geo?.source, 'geonames');
  assert.equal(r.entityOf('Middle East')!.type, 'LOC');
  assert.equal(r.entityOf('Afghanistan')!.geo?.feature, 'country');
});

test('district spelled differently resolves to the GeoNames admin2 within the named province', () => {
  const text = 'An airstrike in Nahr-e-Seraj district of Helmand province in Afghanistan killed five.';
  const r = run(text, [['Nahr-e-Seraj', 'GPE'], ['Helmand', 'GPE'], ['Afghanistan', 'GPE']]);
  const g = r.entityOf('Nahr-e-Seraj')!.geo!;
  assert.equal(g.feature, 'admin2');
  assert.equal(g.admin1, 'Helmand');
  assert.equal(g.country, 'AF');
  assert.equal(g.id, 'AF.10.2302');
});

test('context picks the admin level: "Kunar, the eastern province" is admin1; a big city name is a city', () => {
  const r = run('In Kunar, the eastern province of Afghanistan, and in Peshawar, fighters gathered.', [['Kunar', 'GPE'], ['Afghanistan', 'GPE'], ['Peshawar', 'GPE']]);
  assert.equal(r.entityOf('Kunar')!.geo?.feature, 'admin1');
  const p = r.entityOf('Peshawar')!.geo!;
  assert.equal(p.feature, 'city');
  assert.equal(p.country, 'PK');
});

test('the country the article is about wins an ambiguous place name', () => {
  const text = 'Pakistan and Pakistani officials say Hyderabad was calm. Pakistan again.';
  const r = run(text, [['Pakistan', 'GPE'], ['Hyderabad', 'GPE']]);
  assert.equal(r.entityOf('Hyderabad')!.geo?.country, 'PK');
});

test('country aliases merge: US, United States, America', () => {
  const r = run('The US left. The United States said America is tired.', [['US', 'GPE'], ['United States', 'GPE'], ['America', 'GPE']]);
  assert.equal(r.entities.length, 1);
  assert.equal(r.entities[0].name, 'United States');
  assert.equal(r.entities[0].geo?.country, 'US');
});

test('NORP: demonyms and groups are NORP; "Afghan Army" as a whole name is ORG', () => {
  const text = 'Afghan officials and Afghans, Arabs and Islamists watched the Afghan Army.';
  const r = run(text, [['Afghan Army', 'ORG'], ['Afghan', 'ORG'], ['Afghans', 'ORG'], ['Arabs', 'ORG'], ['Islamists', 'PERSON']]);
  assert.equal(r.entityOf('Afghans')!.type, 'NORP');
  assert.equal(r.entityOf('Afghan')!.id, r.entityOf('Afghans')!.id);
  assert.equal(r.entityOf('Arabs')!.type, 'NORP');
  assert.equal(r.entityOf('Islamists')!.type, 'NORP');
  const army = r.entityOf('Afghan Army')!;
  assert.equal(army.type, 'ORG');
  assert.equal(army.subtype, 'military_unit');
});

test('junk candidates are dropped: page chrome, months, capitalised sentence starters', () => {
  const text = 'Meanwhile the war went on. In March, meanwhile, nothing. Show More';
  const r = run(text, [['Meanwhile', 'ORG'], ['March', 'ORG'], ['Show More', 'ORG']]);
  assert.equal(r.entities.length, 0);
});

test('hyphenated compound of two known names gives two mentions', () => {
  const r = run('Despite a US-Taliban deal, the Taliban fought.', [['US-Taliban', 'ORG'], ['Taliban', 'ORG']]);
  assert.ok(r.mentions.some((m) => m.text === 'US'));
  assert.equal(r.entityOf('Taliban')!.mentions.length, 2);
});

test('ORG subtypes from the lexicon (with kb) and from name and context words', () => {
  const text = 'The 215 Maiwand Corps fought. CNN and the Daily Beast reported. Officials of the Ministry of Interior spoke. '
    + 'The Harakat Group, a militant group, attacked. Harakat Group insurgents fled. An official of the National Security Directorate spoke.';
  const r = run(text, [['215 Maiwand Corps', 'ORG'], ['CNN', 'ORG'], ['Daily Beast', 'ORG'], ['Ministry of Interior', 'ORG'],
    ['Harakat Group', 'ORG'], ['National Security Directorate', 'ORG']]);
  assert.equal(r.entityOf('215 Maiwand Corps')!.subtype, 'military_unit');
  assert.equal(r.entityOf('CNN')!.subtype, 'media');
  assert.deepEqual(r.entityOf('CNN')!.kb, { source: 'wikidata', id: 'Q48340' });
  assert.equal(r.entityOf('Daily Beast')!.subtype, 'media');
  assert.equal(r.entityOf('Ministry of Interior')!.subtype, 'government');
  assert.equal(r.entityOf('National Security Directorate')!.subtype, 'intelligence_agency');
  // "Group" names a company only as a last resort: context says armed group
  assert.ok(['armed_group', 'company'].includes(r.entityOf('Harakat Group')!.subtype as string));
});

test('a title marks a person even when the tagger typed it otherwise; Mullah stays in a one-word name', () => {
  const r = run('Mullah Omar founded it. Omar died.', [['Mullah Omar', 'ORG'], ['Omar', 'ORG']]);
  assert.equal(r.entities.length, 1);
  assert.equal(r.entities[0].type, 'PERSON');
  assert.equal(r.entities[0].name, 'Mullah Omar');
});

test('salience is in 0..1 and favours frequent, early entities', () => {
  const text = 'Taliban Taliban Taliban. Later, at the end, Karim.';
  const r = run(text, [['Taliban', 'ORG'], ['Karim', 'PERSON']]);
  const t = r.entityOf('Taliban')!, k = r.entityOf('Karim')!;
  for (const e of r.entities) assert.ok(e.salience >= 0 && e.salience <= 1);
  assert.ok(t.salience > k.salience);
});

test('acronym definition recovers a long name the tagger cut up, and its lower-case repeat', () => {
  const text = 'Members of Al Qaeda in the Indian Subcontinent (AQIS) came. Later al-Qaeda in the Indian subcontinent grew.';
  const r = run(text, [['Al Qaeda', 'ORG'], ['Indian', 'NORP'], ['AQIS', 'ORG'], ['al-Qaeda', 'ORG']]);
  const e = r.entityOf('AQIS')!;
  assert.equal(e.name, 'Al Qaeda in the Indian Subcontinent');
  assert.equal(e.mentions.length, 3);
  assert.ok(!r.entities.some((x) => x.name === 'Indian'));
});

test('two known names run together are split ("Laden al-Qaeda")', () => {
  const text = 'Osama bin Laden led. Post-bin Laden al-Qaeda is weak, al-Qaeda said.';
  const r = run(text, [['Osama bin Laden', 'PERSON'], ['Laden al-Qaeda', 'PERSON'], ['al-Qaeda', 'ORG']]);
  assert.equal(r.entityOf('Osama bin Laden')!.mentions.length, 2);
  assert.equal(r.entities.find((e) => e.type === 'ORG')!.mentions.length, 2);
});

test('an organisation is referred back to by its first word', () => {
  const r = run('A UN Security Council committee wrote. The UN report says more.', [['UN Security Council', 'ORG'], ['UN', 'ORG']]);
  assert.equal(r.entities.length, 1);
  assert.equal(r.entities[0].name, 'UN Security Council');
});

test('curated organisations missed by the tagger become mentions; short forms must match exactly', async () => {
  const { analyzeText } = await import('../src/nlp/index.js');
  const text = 'The Taliban met Hamas officials. Let us see what Hezbollah does.';
  const nlp = analyzeText(text);
  const r = resolveEntities([], nlp, {} as CleanDocument);
  const names = r.entities.map((e) => e.name);
  assert.ok(names.includes('Taliban'), names.join(','));
  assert.ok(names.includes('Hamas'), names.join(','));
  assert.ok(!names.some((n) => /^Let$/i.test(n)), names.join(','));
  assert.equal(r.entities.find((e) => e.name === 'Taliban')!.type, 'ORG');
});

// ---- span repairs and context typing for news from any outlet ----

test('a title alone is not a name; an office modifier is stripped ("Cmdr.", "Interim")', () => {
  const text = 'Cmdr. Sean Robertson spoke. Interim Metro Police Chief Ann Lee agreed.';
  const r = run(text, [['Cmdr', 'ORG'], ['Sean Robertson', 'PERSON'], ['Interim Metro Police', 'ORG'], ['Ann Lee', 'PERSON']]);
  assert.ok(!r.entities.some((e) => e.name === 'Cmdr'));
  assert.ok(r.entities.some((e) => e.name === 'Metro Police' && e.type === 'ORG'));
  assert.ok(!r.entities.some((e) => /Interim/.test(e.name)));
});

test('an organisation run cut before an office keeps only its place ("US Trade" of "US Trade Representative X")', () => {
  const text = 'Trump and US Trade Representative Robert Lighthizer met.';
  const r = run(text, [['Trump', 'PERSON'], ['US Trade', 'ORG'], ['Robert Lighthizer', 'PERSON']]);
  assert.ok(!r.entities.some((e) => e.name === 'US Trade'));
  assert.equal(r.entityOf('US')?.type, 'GPE');
});

test('an outlet and its beat before a journalist are two names; a role noun inside a run splits ORG + PERSON', () => {
  const text = 'He told VOA Pentagon correspondent Carla Babb on Monday. A BBC Desk reporter Jan Holm said so.';
  const r = run(text, [['VOA Pentagon', 'ORG'], ['Carla Babb', 'PERSON'], ['BBC Desk reporter Jan Holm', 'ORG']]);
  assert.equal(r.entityOf('VOA')?.type, 'ORG');
  assert.equal(r.entityOf('Pentagon')?.type, 'ORG');
  assert.ok(!r.entities.some((e) => e.name === 'VOA Pentagon'));
  assert.equal(r.entityOf('BBC Desk')?.type, 'ORG');
  assert.equal(r.entityOf('Jan Holm')?.type, 'PERSON');
});

test('a nationality joins the ministry it qualifies; "Syrian government/regime" is one ORG', () => {
  const text = 'The Russian Defense Ministry said so. The Syrian government denied it. The Syrian regime is to blame. Syrians fled.';
  const r = run(text, [['Russian', 'NORP'], ['Defense Ministry', 'ORG'], ['Syrian', 'NORP'], ['Syrians', 'NORP']]);
  assert.equal(r.entityOf('Russian Defense Ministry')?.type, 'ORG');
  assert.ok(!r.entities.some((e) => e.name === 'Defense Ministry'));
  const gov = r.entityOf('Syrian government')!;
  assert.equal(gov.type, 'ORG');
  assert.equal(r.entityOf('Syrian regime')?.id, gov.id);
  assert.equal(r.entityOf('Syrians')?.type, 'NORP');
});

test('"Islamic State" keeps its whole name; "Helmand province" still resolves to Helmand', () => {
  const text = 'Islamic State fighters attacked. Islamic State retreated. Fighting in Helmand province went on.';
  const r = run(text, [['Islamic State', 'ORG'], ['Helmand province', 'GPE']]);
  assert.equal(r.entityOf('Islamic State')?.name, 'Islamic State');
  assert.equal(r.entityOf('Helmand province')?.name, 'Helmand');
});

test('a broken abbreviation is repaired ("S." of "Jordanian-U.S.")', () => {
  const text = 'The U.S. base stays. Jordanian-U.S. patrols go on.';
  const at = text.lastIndexOf('S.');
  const cands: MentionCandidate[] = [{ start: 4, end: 8, text: 'U.S.', type: 'GPE' }, { start: at, end: at + 2, text: 'S.', type: 'GPE' }];
  const r = resolveEntities(cands, { text, tokens: [], sentences: [] }, {} as CleanDocument);
  assert.ok(!r.entities.some((e) => ['S.', 'S'].includes(e.name) || e.aliases.some((a) => ['S.', 'S'].includes(a))));
  const us = r.entities.filter((e) => e.type === 'GPE');
  assert.equal(us.length, 1);
  assert.equal(us[0].mentions.length, 2);
});

test('navigation menu lines are not entities; a dateline line is', () => {
  const text = 'Local\n\nNews\n\nSports\n\nA&E\n\nTravel\n\nHAYWARD, Calif. (AP) — A man died in Hayward.';
  const r = run(text, [['Sports', 'ORG'], ['A&E', 'ORG'], ['Travel', 'ORG'], ['HAYWARD', 'GPE'], ['Hayward', 'GPE']]);
  assert.deepEqual(r.entities.map((e) => e.name).filter((n) => ['Sports', 'A&E', 'Travel'].includes(n)), []);
  assert.ok(r.entityOf('Hayward'));
});

test('unknown one-word "places" are typed from context: "the Assad regime" PERSON, "analyst at Stratfor" ORG', () => {
  const text = 'It is the Assad regime that acts, said an analyst at Stratfor. Others came from Qarqoor.';
  const r = run(text, [['Assad', 'GPE'], ['Stratfor', 'GPE'], ['Qarqoor', 'GPE']]);
  assert.equal(r.entityOf('Assad')?.type, 'PERSON');
  assert.equal(r.entityOf('Stratfor')?.type, 'ORG');
  assert.equal(r.entityOf('Qarqoor')?.type, 'GPE');
});

test('a known place the tagger took for a person, in place context, is a GPE', () => {
  const text = 'He drove to Forest Hill and called Forest Hill police.';
  const r = run(text, [['Forest Hill', 'PERSON']]);
  assert.equal(r.entityOf('Forest Hill')?.type, 'GPE');
});

test('an organisation head noun types a name ORG, and "the Chronicle" refers back to it', () => {
  const text = 'The San Francisco Chronicle says police look. The Chronicle says more.';
  const r = run(text, [['San Francisco Chronicle', 'GPE'], ['Chronicle', 'ORG']]);
  const e = r.entityOf('San Francisco Chronicle')!;
  assert.equal(e.type, 'ORG');
  assert.equal(r.entityOf('Chronicle')?.id, e.id);
});

test('"also known as" gives a second name of the same place', () => {
  const text = 'The Rukban camp, also known as the Berm, is in the desert. Rukban is crowded.';
  const r = run(text, [['Rukban', 'GPE'], ['Berm', 'GPE']]);
  assert.equal(r.entityOf('Berm')?.id, r.entityOf('Rukban')?.id);
});

test('geo: the article\'s country wins an exonym; a capital wins over a same-name town in a named state', () => {
  const a = run('Syria and Syria again. Syrian troops left Palmyra.', [['Syria', 'GPE'], ['Syrian', 'NORP'], ['Palmyra', 'GPE']]);
  assert.equal(a.entityOf('Palmyra')?.geo?.country, 'SY');
  const b = run('Voters in Ohio and Pennsylvania matter. The institute in Washington said so.', [['Ohio', 'GPE'], ['Pennsylvania', 'GPE'], ['Washington', 'GPE']]);
  assert.equal(b.entityOf('Washington')?.geo?.admin1, 'District of Columbia');
});

test('a state abbreviation joins the state ("Calif." and California)', () => {
  const text = 'HAYWARD, Calif. (AP) — A California transit chief spoke.';
  const r = run(text, [['Calif.', 'GPE'], ['California', 'GPE']]);
  assert.equal(r.entityOf('California')?.id, r.entityOf('Calif')?.id ?? r.entityOf('Calif.')?.id);
});

test('a long name introduced by ", or ACR" (mixed case too) is recovered when the tagger missed it', () => {
  const text = 'U.S. troops train the opposition forces known as Maghawir al Thawra, or MaT, in the desert.';
  const r = run(text, [['U.S.', 'GPE']]);
  assert.equal(r.entityOf('Maghawir al Thawra')?.type, 'ORG');
  // "known as" far from "U.S." (a whole clause between) does not make them one entity
  assert.equal(r.entityOf('U.S.')?.type, 'GPE');
  assert.notEqual(r.entityOf('U.S.')?.id, r.entityOf('Maghawir al Thawra')?.id);
});

test('two nationality/group words side by side are two NORP mentions; a listed two-word form stays one', () => {
  const text = 'Iraqi Shia militias fired rockets. North Korean troops watched. The Iraqi Army responded.';
  const r = run(text, [['Iraqi Shia', 'NORP'], ['North Korean', 'NORP'], ['Iraqi Army', 'ORG']]);
  assert.ok(r.mentions.some((m) => m.text === 'Iraqi' && m.type === 'NORP'));
  assert.ok(r.mentions.some((m) => m.text === 'Shia' && m.type === 'NORP'));
  assert.ok(!r.mentions.some((m) => m.text === 'Iraqi Shia'));
  assert.ok(r.mentions.some((m) => m.text === 'North Korean'));
  assert.equal(r.entityOf('Iraqi Army')?.type, 'ORG');
});

test('page chrome is never an entity: URLs, domains, copyright lines', () => {
  const text = 'Read more at www.example.com or example.org today. Copyright 2024 Example Media. All rights reserved. Kabul was quiet.';
  const r = run(text, [['www.example.com', 'ORG'], ['example.org', 'ORG'], ['Copyright', 'ORG'], ['All rights reserved', 'ORG'], ['Kabul', 'GPE']]);
  assert.deepEqual(r.entities.map((e) => e.name), ['Kabul']);
});

test('a lone common word at a sentence start is dropped unless the document uses it as a name', () => {
  const text = 'The town was shelled.\nMarriage is rare in the camps. Residents fled. Said Khan spoke. Later Said returned.';
  const r = run(text, [['Marriage', 'PERSON'], ['Residents', 'ORG'], ['Said Khan', 'PERSON'], ['Said', 'PERSON']]);
  assert.ok(!r.entities.some((e) => e.name === 'Marriage'));
  assert.ok(!r.entities.some((e) => e.name === 'Residents'));
  assert.ok(r.entities.some((e) => e.name === 'Said Khan'));
});

test('stacked and French titles are not part of names; a title before an unknown ORG makes a person', () => {
  const text = 'Lt. Col. Guillaume Njike spoke. Maj.-Gen. Peter Cirimwami was killed. Selon le général Sylvain Ekenge, the rebels fled. Njike added more.';
  const r = run(text, [['Lt. Col. Guillaume Njike', 'PERSON'], ['Maj.-Gen. Peter Cirimwami', 'PERSON'], ['Sylvain Ekenge', 'ORG'], ['Njike', 'PERSON']]);
  assert.equal(r.entityOf('Lt. Col. Guillaume Njike')!.name, 'Guillaume Njike');
  assert.equal(r.entityOf('Njike'), r.entityOf('Lt. Col. Guillaume Njike'));
  assert.equal(r.entityOf('Maj.-Gen. Peter Cirimwami')!.name, 'Peter Cirimwami');
  assert.equal(r.entityOf('Sylvain Ekenge')!.type, 'PERSON');
});

test('curated armed groups: aliases, acronyms and subtypes; French spellings fold onto English ones', () => {
  const text = 'The Popular Mobilization Forces and Kataib Hezbollah fired rockets. The PMF denied it. Kagamé met Paul Kagame. Fighting spread in Nord-Kivu.';
  const r = run(text, [['Popular Mobilization Forces', 'ORG'], ['Kataib Hezbollah', 'PERSON'], ['PMF', 'ORG'], ['Kagamé', 'PERSON'], ['Paul Kagame', 'PERSON'], ['Nord-Kivu', 'GPE']]);
  assert.equal(r.entityOf('PMF'), r.entityOf('Popular Mobilization Forces'));
  assert.equal(r.entityOf('PMF')!.subtype, 'armed_group');
  assert.equal(r.entityOf('Kataib Hezbollah')!.type, 'ORG');
  assert.equal(r.entityOf('Kataib Hezbollah')!.subtype, 'armed_group');
  assert.equal(r.entityOf('Kagamé'), r.entityOf('Paul Kagame'));
  assert.equal(r.entityOf('Nord-Kivu')!.geo?.country, 'CD');
  assert.equal(r.entityOf('Nord-Kivu')!.geo?.feature, 'admin1');
});
