// Events: trigger types, roles, place/time linking, flags, sources and merging, on hand-built contexts
// (mentions and entities are given, so these tests do not depend on the NER and resolution stages).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvents } from '../src/extract/events.js';
import type { EventRecord } from '../src/types.js';
import { fixture, type Fixture } from './extract-fixture.js';

const run = (f: Fixture) => extractEvents(f.ctx, f.attr);
const one = (evs: EventRecord[], type: string) => {
  const xs = evs.filter((e) => e.type === type);
  assert.equal(xs.length, 1, `one ${type} event in ${JSON.stringify(evs.map((e) => e.type))}`);
  return xs[0];
};
const who = (e: EventRecord, role: string) => e.participants.filter((p) => p.role === role).map((p) => p.entity ?? p.description);

test('passive killing: victims before the verb and alongside, agent after "by"; place and time of the event', () => {
  const f = fixture('Earlier in March, another al-Qaeda leader, Abu Tajiki, was killed by Afghan forces alongside Taliban commander Hazrat Ali in Paktika province.',
    [['al-Qaeda', 'ORG'], ['Abu Tajiki', 'PERSON'], ['Afghan', 'NORP'], ['Taliban', 'ORG'], ['Hazrat Ali', 'PERSON'], ['Paktika', 'GPE']], { times: [['March', '2021-03']] });
  const e = one(run(f), 'killing');
  assert.deepEqual(who(e, 'victim').sort(), [f.id('Abu Tajiki'), f.id('Hazrat Ali')].sort());
  assert.deepEqual(who(e, 'agent'), [f.id('Afghan')]);
  assert.equal(e.participants.find((p) => p.role === 'agent')?.description, 'Afghan forces');
  assert.equal(e.location, f.id('Paktika'));
  assert.equal(e.time, 't1');
  assert.equal(e.id, 'v1');
  assert.deepEqual(e.evidence, { start: 0, end: f.ctx.doc.text.length });
  assert.equal(f.ctx.doc.text.slice(e.trigger.start, e.trigger.end), 'killed');
});

test('active killing: agent is the subject, victim the object', () => {
  const f = fixture('Hamas militants killed two Israeli soldiers near Gaza City on Tuesday.', [['Hamas', 'ORG'], ['Israeli', 'NORP'], ['Gaza City', 'GPE']]);
  const e = one(run(f), 'killing');
  assert.deepEqual(who(e, 'agent'), [f.id('Hamas')]);
  assert.deepEqual(who(e, 'victim'), [f.id('Israeli')]);
  assert.equal(e.location, f.id('Gaza City'));
});

test('airstrike: the place right after the trigger, not the province it lies in; target from "members of"', () => {
  const f = fixture('In a recent airstrike in Nahr-e-Seraj district of Helmand province last month, five of the 12 insurgents targeted were found to be members of AQIS working with Taliban leader Mullah Wakeel.',
    [['Nahr-e-Seraj', 'GPE'], ['Helmand', 'GPE'], ['AQIS', 'ORG'], ['Taliban', 'ORG'], ['Mullah Wakeel', 'PERSON']], { times: [['last month', '2021-04']] });
  const e = one(run(f), 'airstrike');
  assert.equal(e.location, f.id('Nahr-e-Seraj'));
  assert.equal(e.time, 't1');
  assert.deepEqual(who(e, 'target'), [f.id('AQIS')]);
});

test('capture: "X\'s unit captured Y operatives"; an adjectival "captured fighters" is no event', () => {
  const f = fixture('General Sadat’s unit captured al-Qaeda operatives while carrying out operations. The evidence gathered from captured fighters was clear.',
    [['General Sadat', 'PERSON'], ['al-Qaeda', 'ORG']]);
  const e = one(run(f), 'capture');
  assert.deepEqual(who(e, 'agent'), [f.id('General Sadat')]);
  assert.deepEqual(who(e, 'target'), [f.id('al-Qaeda')]);
});

test('arrests are captures; a fronted "In X," is the place when nothing follows the trigger', () => {
  const f = fixture('In Peshawar, police arrested three suspected ISIS recruiters on Friday.', [['Peshawar', 'GPE'], ['ISIS', 'ORG']]);
  const e = one(run(f), 'capture');
  assert.equal(e.location, f.id('Peshawar'));
  assert.deepEqual(who(e, 'target'), [f.id('ISIS')]);
});

test('recruitment: nominal "the group" resolves to the previous sentence; recruits "from the ranks of"; both mentions kept apart by place', () => {
  const f = fixture('Meanwhile, al-Qaeda has reportedly carried out a massive recruitment drive inside Afghanistan. In Kunar, the eastern province that Biden visited, the group is said to have recruited fighters from the ranks of the Taliban.',
    [['al-Qaeda', 'ORG'], ['Afghanistan', 'GPE'], ['Kunar', 'GPE'], ['Biden', 'PERSON'], ['Taliban', 'ORG']]);
  const evs = run(f).filter((e) => e.type === 'recruitment');
  assert.equal(evs.length, 2);
  assert.deepEqual(who(evs[0], 'agent'), [f.id('al-Qaeda')]);
  assert.equal(evs[0].location, f.id('Afghanistan'));
  assert.deepEqual(who(evs[1], 'agent'), [f.id('al-Qaeda')]);
  assert.deepEqual(who(evs[1], 'recruit'), [f.id('Taliban')]);
  assert.equal(evs[1].location, f.id('Kunar'));
  assert.ok(evs[1].confidence < evs[0].confidence + 0.2);
});

test('pledge of allegiance inside a quote carries the quote source', () => {
  const text = '“We estimate that 6,000 to 10,000 Taliban fighters have pledged allegiance to Al Qaeda,” an official told reporters.';
  const f = fixture(text, [['Taliban', 'ORG'], ['Al Qaeda', 'ORG']], { quotes: [['We estimate that 6,000 to 10,000 Taliban fighters have pledged allegiance to Al Qaeda,', 'an official']] });
  const e = one(run(f), 'pledge_of_allegiance');
  assert.deepEqual(who(e, 'agent'), [f.id('Taliban')]);
  assert.deepEqual(who(e, 'beneficiary'), [f.id('Al Qaeda')]);
  assert.equal(e.source, 's1');
});

test('training: pronoun subject resolves to the previous sentence; "IEDs" as the object is no explosion', () => {
  const f = fixture('Another official explained that Al Qaeda’s involvement with the Taliban ran deeper. They are not only fighting, but also training the Taliban to make IEDs.',
    [['Al Qaeda', 'ORG'], ['Taliban', 'ORG']]);
  const evs = run(f);
  const e = one(evs, 'training');
  assert.deepEqual(who(e, 'agent'), [f.id('Al Qaeda')]);
  assert.deepEqual(who(e, 'beneficiary'), [f.id('Taliban')]);
  assert.equal(e.negated, false, '"not only" is no negation');
  assert.ok(!evs.some((x) => x.type === 'explosion'));
});

test('explosions: suicide bombing and IED blast', () => {
  const f = fixture('A suicide bombing in Kabul killed 12 people. Days later an IED blast hit a convoy in Kandahar.', [['Kabul', 'GPE'], ['Kandahar', 'GPE']]);
  const evs = run(f).filter((e) => e.type === 'explosion');
  assert.equal(evs.length, 2);
  assert.deepEqual(evs.map((e) => e.location), [f.id('Kabul'), f.id('Kandahar')]);
});

test('agreement: parties from "US-Taliban deal", time linked; repeated mentions merge; "to deal with" is no agreement', () => {
  const f = fixture('Officials cited a US-Taliban deal last year. The United States violated the agreement. The Taliban are trying to keep some fighters to deal with them. Since signing the US accord, the Taliban have been quiet.',
    [['US', 'GPE', 'United States'], ['Taliban', 'ORG']], { times: [['last year', '2020']] });
  const e = one(run(f), 'agreement');
  assert.deepEqual(who(e, 'agent').sort(), [f.id('US'), f.id('Taliban')].sort());
  assert.equal(e.time, 't1');
});

test('withdrawal: planned withdrawal is hypothetical, agent from "of US troops", place from "from"; three mentions merge', () => {
  const f = fixture('The impending withdrawal of US troops from Afghanistan is a turning point. Biden missed the May 1 withdrawal deadline. Critics say the withdrawal will embolden militants.',
    [['US', 'GPE'], ['Afghanistan', 'GPE'], ['Biden', 'PERSON']]);
  const e = one(run(f), 'withdrawal');
  assert.deepEqual(who(e, 'agent'), [f.id('US')]);
  assert.equal(e.location, f.id('Afghanistan'));
  assert.equal(e.hypothetical, true);
});

test('threat: "reserve the right to attack" is a hypothetical threat; vowing to continue the war names a target', () => {
  const f = fixture('The United States violated the agreement. Now the Taliban reserve the right to attack. Members of Al Qaeda promised to continue the war against the United States.',
    [['United States', 'GPE'], ['Taliban', 'ORG'], ['Al Qaeda', 'ORG']]);
  const evs = run(f).filter((e) => e.type === 'threat');
  assert.equal(evs.length, 2);
  assert.deepEqual(who(evs[0], 'agent'), [f.id('Taliban')]);
  assert.equal(evs[0].hypothetical, true);
  assert.deepEqual(who(evs[1], 'agent'), [f.id('Al Qaeda')]);
  assert.deepEqual(who(evs[1], 'target'), [f.id('United States')]);
});

test('armed clash: "fighting alongside" gives an ally, "X and Y are fighting together" merges with it; "the war" alone is no event', () => {
  const f = fixture('Officials said al-Qaeda fighters were frequently seen fighting alongside the Taliban. Al Qaeda and the Taliban are still fighting together. The war has lasted twenty years.',
    [['al-Qaeda', 'ORG', 'Al Qaeda'], ['Taliban', 'ORG']]);
  const evs = run(f);
  const e = one(evs, 'armed_clash');
  assert.deepEqual(who(e, 'agent'), [f.id('al-Qaeda')]);
  assert.deepEqual(who(e, 'ally'), [f.id('Taliban')]);
  assert.equal(evs.length, 1);
});

test('negated and hypothetical: "will not fight", "have not communicated any plan to fight", conditional "if"', () => {
  const f = fixture('The Taliban will not fight Al Qaeda. And despite pressure, the Taliban have not communicated any plan to fight Al Qaeda operatives. If talks with the Taliban fail, the army will attack Kabul.',
    [['Taliban', 'ORG'], ['Al Qaeda', 'ORG'], ['Kabul', 'GPE']]);
  const evs = run(f);
  const clashes = evs.filter((e) => e.type === 'armed_clash');
  assert.ok(clashes.length >= 2);
  assert.equal(clashes[0].negated, true);
  assert.ok(clashes.filter((e) => e.negated).length >= 1);
  const attack = clashes.find((e) => !e.negated)!;
  assert.equal(attack.hypothetical, true);
  assert.ok(evs.some((e) => e.type === 'negotiation' && e.hypothetical));
});

test('negotiation and protest', () => {
  const f = fixture('Taliban negotiators held talks with Afghan officials in Doha. Thousands of protesters rallied against the Taliban in Kabul.',
    [['Taliban', 'ORG'], ['Afghan', 'NORP'], ['Doha', 'GPE'], ['Kabul', 'GPE']]);
  const evs = run(f);
  const n = one(evs, 'negotiation');
  assert.equal(n.location, f.id('Doha'));
  const p = evs.find((e) => e.type === 'protest')!;
  assert.equal(p.location, f.id('Kabul'));
  assert.ok(evs.filter((e) => e.type === 'protest').every((e) => who(e, 'target').includes(f.id('Taliban')) || e.location === f.id('Kabul')));
});

test('ids are sequential and records carry every field', () => {
  const f = fixture('Troops captured Mosul. Militants killed a mayor in Erbil.', [['Mosul', 'GPE'], ['Erbil', 'GPE']]);
  const evs = run(f);
  assert.deepEqual(evs.map((e) => e.id), evs.map((_, k) => `v${k + 1}`));
  for (const e of evs) {
    assert.ok(e.confidence > 0 && e.confidence <= 1);
    assert.equal(typeof e.negated, 'boolean');
    assert.ok(Array.isArray(e.quantities));
  }
});

test('"its troops" resolves to a country; a relative clause between commas is skipped; "the army" is described, not resolved to a group', () => {
  const f = fixture('Islamic State fighters ambushed a convoy. The army later arrested 12 suspects in Niamey. France, which backed the government, announced the withdrawal of its troops from Mali last year.',
    [['Islamic State', 'ORG'], ['Niamey', 'GPE'], ['France', 'GPE'], ['Mali', 'GPE']]);
  const evs = run(f);
  const w = one(evs, 'withdrawal');
  assert.deepEqual(who(w, 'agent'), [f.id('France')]);
  assert.equal(w.location, f.id('Mali'));
  const c = one(evs, 'capture');
  assert.deepEqual(who(c, 'agent'), ['The army']);
});

test('a place is a setting, not a victim: "a stabbing killed a passenger on a Bay Area train" has the place as location', () => {
  const f = fixture('A deadly stabbing killed a passenger on a San Francisco Bay Area commuter train.', [['San Francisco Bay Area', 'LOC']]);
  const e = one(run(f), 'killing');
  assert.equal(e.location, f.id('San Francisco Bay Area'));
  assert.ok(!e.participants.some((p) => p.entity === f.id('San Francisco Bay Area')));
});

test('the dateline place stands in for a missing location; the dateline agency is no participant', () => {
  const f = fixture('HAYWARD, Calif. (AP) — Police arrested a suspect near the station.\n\nThe suspect was arrested a block away, police said.',
    [['Hayward', 'GPE', 'HAYWARD'], ['Calif', 'GPE'], ['AP', 'ORG']]);
  const e = one(run(f), 'capture');
  assert.equal(e.location, f.id('Hayward'));
  assert.ok(!e.participants.some((p) => p.entity === f.id('AP')));
  // talks have no dateline place
  const t = fixture('VIENNA — Austria held talks with Germany on the border.', [['Vienna', 'GPE', 'VIENNA'], ['Austria', 'GPE'], ['Germany', 'GPE']]);
  assert.equal(one(run(t), 'negotiation').location, null);
});

test('deals not concluded are negotiation: "a deal could be signed", unsigned deals in an article about talks; a signed deal stays an agreement', () => {
  const f = fixture('A trade deal between the United States and China was supposed to be a limited agreement. People familiar with the talks said China wants more.',
    [['United States', 'GPE'], ['China', 'GPE']]);
  const evs = run(f);
  assert.equal(evs.filter((e) => e.type === 'agreement').length, 0, JSON.stringify(evs.map((e) => e.type)));
  const n = one(evs, 'negotiation');
  assert.deepEqual(who(n, 'agent').sort(), [f.id('United States'), f.id('China')].sort());
  const g = fixture('The United States and the Taliban signed a deal in Doha. Talks with the government followed.', [['United States', 'GPE'], ['Taliban', 'ORG'], ['Doha', 'GPE']]);
  assert.equal(run(g).filter((e) => e.type === 'agreement').length, 1);
});

test('threats need an organised target or violence: "threatening the girl" is none, "threatened Israel" is one', () => {
  assert.equal(run(fixture('Webb admitted to threatening the girl.', [['Webb', 'PERSON']])).filter((e) => e.type === 'threat').length, 0);
  const f = fixture('Hamas threatened Israel on Monday.', [['Hamas', 'ORG'], ['Israel', 'GPE']], { times: [['Monday', '2021-05-10']] });
  assert.deepEqual(who(one(run(f), 'threat'), 'target'), [f.id('Israel')]);
});

test('no armed event: fights between individuals, "the fight against X", a purpose "to fight", generic plurals with no time or place', () => {
  const f = fixture('Employee Steve Castro said he fought with the man. The base serves in the fight against ISIS. The US trained Syrian forces to fight against ISIS. Civilians need protection against Russian airstrikes.',
    [['Steve Castro', 'PERSON'], ['ISIS', 'ORG'], ['US', 'GPE'], ['Syrian', 'NORP'], ['Russian', 'NORP']]);
  const evs = run(f).filter((e) => e.type !== 'training');
  assert.deepEqual(evs.map((e) => e.type), []);
  // a fight between armed groups is a clash
  const g = fixture('Taliban fighters fought Afghan forces in Kunduz.', [['Taliban', 'ORG'], ['Afghan', 'NORP'], ['Kunduz', 'GPE']]);
  assert.equal(one(run(g), 'armed_clash').location, g.id('Kunduz'));
});

test('violent deaths are killings ("died during protests", "stabbed to death"); a death from illness is not', () => {
  const f = fixture('Three people died during protests in Bolivia.', [['Bolivia', 'GPE']]);
  assert.equal(one(run(f), 'killing').location, f.id('Bolivia'));
  const g = fixture('A man was stabbed to death in Hayward on Tuesday.', [['Hayward', 'GPE']], { times: [['Tuesday', '2019-11-19']] });
  assert.equal(one(run(g), 'killing').location, g.id('Hayward'));
  assert.equal(run(fixture('The actor died of cancer in Paris.', [['Paris', 'GPE']])).length, 0);
});

test('abduction: "grabbed the girl" is a capture; "convicted of kidnapping" takes no time from the trial; troops leaving a country withdraw', () => {
  const f = fixture('Webb grabbed the little girl in Fort Worth on May 18. Following a trial in September, a jury convicted Webb of kidnapping the girl.',
    [['Webb', 'PERSON'], ['Fort Worth', 'GPE']], { times: [['May 18', '2019-05-18'], ['September', '2019-09']] });
  const e = one(run(f), 'capture');
  assert.deepEqual(who(e, 'agent'), [f.id('Webb')]);
  assert.equal(e.time, 't1');
  assert.equal(e.location, f.id('Fort Worth'));
  assert.equal(run(fixture('He grabbed the microphone in Paris.', [['Paris', 'GPE']])).length, 0);
  const w = fixture('The U.S. will keep its base after American troops leave Syria.', [['U.S.', 'GPE'], ['American', 'NORP'], ['Syria', 'GPE']]);
  const x = one(run(w), 'withdrawal');
  assert.equal(x.location, w.id('Syria'));
  assert.deepEqual(who(x, 'agent'), [w.id('American')]);
});

// ---- generalisation: place, time, participants, agreements, precision ----

test('place: the in-text place beats the dateline; a place from an earlier sentence of the paragraph beats it too; "the village of X" is a place', () => {
  const f = fixture('BAMAKO, Mali (AP) — Gunmen attacked a convoy near Gao on Monday, killing ten soldiers.\nFighting broke out in the Mopti region on Sunday. Militants killed four people there.\nIn the village of Ogossagou, jihadists killed a chief.\nSoldiers were killed on Friday.',
    [['Bamako', 'GPE', 'BAMAKO'], ['Mali', 'GPE'], ['AP', 'ORG'], ['Gao', 'GPE'], ['Mopti', 'GPE'], ['Ogossagou', 'GPE']],
    { times: [['Monday', '2021-05-10'], ['Sunday', '2021-05-09'], ['Friday', '2021-05-07']], geo: { Bamako: { country: 'ML', feature: 'city' }, Gao: { country: 'ML', feature: 'city' }, Mopti: { country: 'ML', feature: 'admin1' }, Ogossagou: { country: 'ML', feature: 'city' } } });
  const evs = run(f);
  const at = (word: string) => evs.find((e) => f.ctx.doc.text.slice(e.evidence.start, e.evidence.end).includes(word));
  assert.equal(at('convoy')?.location, f.id('Gao'), JSON.stringify(evs));
  assert.equal(at('four people')?.location, f.id('Mopti'));
  assert.equal(at('chief')?.location, f.id('Ogossagou'));
  // the dateline is where the reporter files: an unplaced event takes the story's last site, not the dateline
  assert.ok(!evs.some((e) => e.location === f.id('Bamako')), JSON.stringify(evs));
});

test('time: the most specific time of the sentence, and the paragraph lead\'s day over "this year"', () => {
  const f = fixture('On Tuesday, gunmen killed 12 villagers in Kidal, the deadliest attack this year. Separately, this year rebels abducted a mayor in Menaka.',
    [['Kidal', 'GPE'], ['Menaka', 'GPE']], { times: [['Tuesday', '2021-05-04'], ['this year', '2021'], ['this year rebels', '2021']] });
  const evs = run(f);
  const k = evs.find((e) => e.type === 'killing');
  assert.equal(k?.time, 't1', JSON.stringify(evs));
  const c = evs.find((e) => e.type === 'capture');
  assert.equal(c?.time, 't1', JSON.stringify(evs));
});

test('participants: an outlet is never a participant; a bare nationality is no agent, "Congolese troops" is; "clashes between X and Y" names both', () => {
  const f = fixture('Congolese troops attacked the Liberation Front near Goma, Reuters reported. The Congolese attack on Reuters journalists was condemned. There were clashes between the Liberation Front and the Patriotic Army on Monday in Rutshuru.',
    [['Congolese', 'NORP'], ['Liberation Front', 'ORG'], ['Goma', 'GPE'], ['Reuters', 'ORG'], ['Patriotic Army', 'ORG'], ['Rutshuru', 'GPE']], { times: [['Monday', '2021-05-10']] });
  const evs = run(f);
  const all = evs.flatMap((e) => e.participants);
  assert.ok(!all.some((p) => p.entity === f.id('Reuters')), JSON.stringify(evs));
  assert.ok(!all.some((p) => p.entity === f.id('Congolese') && !p.description), JSON.stringify(evs));
  const first = evs.find((e) => e.location === f.id('Goma'))!;
  assert.deepEqual(who(first, 'agent'), [f.id('Congolese')]);
  assert.deepEqual(who(first, 'target'), [f.id('Liberation Front')]);
  const clash = evs.find((e) => e.location === f.id('Rutshuru'))!;
  assert.deepEqual(clash.participants.map((p) => p.entity).sort(), [f.id('Liberation Front'), f.id('Patriotic Army')].sort());
});

test('agreements: "announced a ceasefire", "agreed to a truce" and "the declaration both sides signed in May" are agreements, even amid talks', () => {
  const f = fixture('Talks between the army and the Rapid Force resumed in Jeddah. The army announced a ceasefire on Monday. The Rapid Force agreed to a truce. Neither side honoured the declaration both sides signed in May.',
    [['Rapid Force', 'ORG'], ['Jeddah', 'GPE']], { times: [['Monday', '2021-05-10'], ['May', '2020-05']] });
  const evs = run(f);
  const ag = evs.filter((e) => e.type === 'agreement');
  assert.ok(ag.some((e) => e.time === 't1'), JSON.stringify(evs.map((e) => [e.type, e.time])));
  assert.ok(ag.some((e) => e.time === 't2'), JSON.stringify(evs.map((e) => [e.type, e.time])));
  assert.ok(evs.some((e) => e.type === 'negotiation'));
});

test('precision: generic or aggregate attacks and seized weapons are no events', () => {
  const f = fixture('Attacks on civilians have increased in Ituri. The group has carried out dozens of attacks this year in Ituri. Such attacks are common in Ituri. Police seized weapons and ammunition in Bunia on Monday.',
    [['Ituri', 'GPE'], ['Bunia', 'GPE']], { times: [['this year', '2021'], ['Monday', '2021-05-10']] });
  assert.deepEqual(run(f).map((e) => e.type), []);
});

test('wire dateline: an unplaced event takes the site named earlier in the story, not the city the reporter files from; its retelling merges', () => {
  const f = fixture('KORVANA, Veloria (AP) — Militants launched an attack on a military base in Dresk on Tuesday.\n\nThe assailants killed 12 soldiers, the army said. The attack lasted hours.',
    [['Korvana', 'GPE', 'KORVANA'], ['Veloria', 'GPE'], ['AP', 'ORG'], ['Dresk', 'GPE']],
    { times: [['Tuesday', '2021-05-04']], geo: { Korvana: { country: 'VL', feature: 'city' }, Veloria: { country: 'VL', feature: 'country' }, Dresk: { country: 'VL', feature: 'city' } } });
  const evs = run(f);
  const k = one(evs, 'killing');
  assert.equal(k.location, f.id('Dresk'), JSON.stringify(evs));
  const c = one(evs, 'armed_clash');
  assert.equal(c.location, f.id('Dresk'));
  assert.equal(c.time, 't1');
});

test('wire dateline: the dateline place only when the story names no other site; an explicit other place wins', () => {
  const f = fixture('KORVANA, Veloria (AP) — Police arrested two men on Tuesday.\n\nIn Dresk, soldiers killed a smuggler on Friday.',
    [['Korvana', 'GPE', 'KORVANA'], ['Veloria', 'GPE'], ['AP', 'ORG'], ['Dresk', 'GPE']],
    { times: [['Tuesday', '2021-05-04'], ['Friday', '2021-05-07']], geo: { Korvana: { country: 'VL', feature: 'city' }, Dresk: { country: 'VL', feature: 'city' } } });
  const evs = run(f);
  assert.equal(one(evs, 'killing').location, f.id('Dresk'));
  // the arrest comes before any site and the story's only event site is elsewhere: still not the dateline
  assert.equal(one(evs, 'capture').location, f.id('Dresk'));
  const g = fixture('KORVANA, Veloria (AP) — Police arrested two men on Tuesday.', [['Korvana', 'GPE', 'KORVANA'], ['Veloria', 'GPE'], ['AP', 'ORG']],
    { times: [['Tuesday', '2021-05-04']], geo: { Korvana: { country: 'VL', feature: 'city' } } });
  assert.equal(one(run(g), 'capture').location, g.id('Korvana'));
});

test('merging: same-type events in adjacent paragraphs merge unless their explicit places or days differ', () => {
  const f = fixture('Gunmen attacked a convoy in Dresk on Monday.\nThe attack was repelled.\nIn Tarvin, gunmen attacked a market on Sunday.\n\nOn Friday, another attack hit a school in Tarvin.',
    [['Dresk', 'GPE'], ['Tarvin', 'GPE']], { times: [['Monday', '2021-05-03'], ['Sunday', '2021-05-02'], ['Friday', '2021-05-07']] });
  const evs = run(f).filter((e) => e.type === 'armed_clash');
  assert.equal(evs.length, 3, JSON.stringify(evs));
  assert.deepEqual(evs.map((e) => e.location), [f.id('Dresk'), f.id('Tarvin'), f.id('Tarvin')]);
});

test('participants: "the armed forces of X (ACR)" is the army, not the country; killed soldiers are the army; the group that claimed the attack killed them', () => {
  const f = fixture('Militants attacked an army post in Dresk on Tuesday. The assailants killed 12 soldiers, said the armed forces of Veloria (FAV). The Dark Banner claimed the attack.\n\nThe army said it carried out drone strikes against Dark Banner positions on Wednesday.',
    [['Dresk', 'GPE'], ['Veloria', 'GPE'], ['FAV', 'GPE'], ['Dark Banner', 'ORG']],
    { times: [['Tuesday', '2021-05-04'], ['Wednesday', '2021-05-05']], geo: { Dresk: { country: 'VL', feature: 'city' }, Veloria: { country: 'VL', feature: 'country' }, FAV: { country: 'BR', feature: 'admin2' } } });
  const evs = run(f);
  const k = one(evs, 'killing');
  assert.deepEqual(who(k, 'victim'), [f.id('FAV')], JSON.stringify(evs));
  assert.deepEqual(who(k, 'agent'), [f.id('Dark Banner')]);
  assert.deepEqual(who(one(evs, 'armed_clash'), 'agent'), [f.id('Dark Banner')]);
  const a = one(evs, 'airstrike');
  assert.deepEqual(who(a, 'agent'), [f.id('FAV')]);
  assert.deepEqual(who(a, 'target'), [f.id('Dark Banner')]);
  // with no army entity, soldiers are described
  const g = fixture('Gunmen killed 12 soldiers in Dresk on Tuesday.', [['Dresk', 'GPE']], { times: [['Tuesday', '2021-05-04']] });
  assert.deepEqual(who(one(run(g), 'killing'), 'victim'), ['soldiers']);
});

test('capture: a verb coordinated with an earlier one keeps its subject ("the army carried out strikes against X and had captured 20 fighters")', () => {
  const f = fixture('The Veloria Armed Forces carried out strikes against Dark Banner positions near Dresk and had captured 20 fighters.',
    [['Veloria Armed Forces', 'ORG'], ['Dark Banner', 'ORG'], ['Dresk', 'GPE']]);
  const c = one(run(f), 'capture');
  assert.deepEqual(who(c, 'agent'), [f.id('Veloria Armed Forces')]);
});

test('"we" in a quote speaks for the speaker\'s organisation, not for a country or nationality', () => {
  const text = '“We attacked them and killed them,” said a resident of Veloria. “We fought the Dark Banner near Dresk,” said a spokesman for the Free Guard.';
  const f = fixture(text, [['Veloria', 'GPE'], ['Dark Banner', 'ORG'], ['Dresk', 'GPE'], ['Free Guard', 'ORG']],
    { quotes: [['We attacked them and killed them,', 'a resident'], ['We fought the Dark Banner near Dresk,', 'a spokesman for the Free Guard']],
      geo: { Veloria: { country: 'VL', feature: 'country' } } });
  f.attr.sources[0].affiliation = f.id('Veloria');
  f.attr.sources[1].affiliation = f.id('Free Guard');
  const evs = run(f);
  assert.ok(!evs.some((e) => e.participants.some((p) => p.entity === f.id('Veloria'))), JSON.stringify(evs));
  const c = evs.find((e) => e.type === 'armed_clash' && e.location === f.id('Dresk'));
  assert.deepEqual(c && who(c, 'agent'), [f.id('Free Guard')], JSON.stringify(evs));
});

test('places are never agents: "the Dresk attack" (a town before the trigger), "fighting in Tarvin" (a name after "in" the tagger took for a group)', () => {
  const f = fixture('The Dresk attack killed four villagers on Monday. Heavy fighting erupted in Tarvin on Tuesday.',
    [['Dresk', 'GPE'], ['Tarvin', 'ORG']], { times: [['Monday', '2021-05-03'], ['Tuesday', '2021-05-04']] });
  const evs = run(f);
  assert.ok(!evs.some((e) => e.participants.some((p) => p.entity === f.id('Dresk') || p.entity === f.id('Tarvin'))), JSON.stringify(evs));
});

test('talks: "between X and Y in Z" names both sides; mediators ("brokered by A and B", "mediated by C") are agents and do not split the talks', () => {
  const f = fixture('Talks between the Veloria Armed Forces and the Free Guard in Portmar, brokered by Ostrava and Lindmark, collapsed last month.\n\nThe negotiations were mediated by the Coastal Union.',
    [['Veloria Armed Forces', 'ORG'], ['Free Guard', 'ORG'], ['Portmar', 'GPE'], ['Ostrava', 'GPE'], ['Lindmark', 'GPE'], ['Coastal Union', 'ORG']],
    { times: [['last month', '2021-04']] });
  const evs = run(f);
  const n = one(evs, 'negotiation');
  assert.deepEqual(who(n, 'agent').sort(), ['Veloria Armed Forces', 'Free Guard', 'Ostrava', 'Lindmark', 'Coastal Union'].map(f.id).sort(), JSON.stringify(evs));
  assert.equal(n.location, f.id('Portmar'));
});

test('agreement: "the two countries\' foreign ministers agreed on a ceasefire" has the two countries named before as agents', () => {
  const f = fixture('Ostrava and Lindmark have long been at odds over the river. On Monday the two countries’ foreign ministers agreed on a ceasefire.',
    [['Ostrava', 'GPE'], ['Lindmark', 'GPE']], { times: [['Monday', '2021-05-03']] });
  const a = one(run(f), 'agreement');
  assert.deepEqual(who(a, 'agent'), [f.id('Ostrava'), f.id('Lindmark')]);
});

test('protest: "a letter of protest" or "lodged a formal protest" is a diplomatic note, not a demonstration; marching protesters are one', () => {
  const f = fixture('Lindmark sent a letter of protest to the council on Monday. Ostrava lodged a formal protest with Lindmark on Tuesday.\n\nIn Portmar, thousands of protesters marched on Friday.',
    [['Lindmark', 'GPE'], ['Ostrava', 'GPE'], ['Portmar', 'GPE']], { times: [['Monday', '2021-05-03'], ['Tuesday', '2021-05-04'], ['Friday', '2021-05-07']] });
  const p = one(run(f), 'protest');
  assert.equal(p.location, f.id('Portmar'));
});

test('place: the town attacked is where it happened ("attacked Tarvin"), and the venue of talks is no battlefield', () => {
  const f = fixture('Talks in Portmar stalled. The Free Guard attacked Tarvin on Sunday.\n\nThe assailants killed 20 civilians.',
    [['Portmar', 'GPE'], ['Free Guard', 'ORG'], ['Tarvin', 'GPE']],
    { times: [['Sunday', '2021-05-02']], geo: { Portmar: { country: 'VL', feature: 'city' }, Tarvin: { country: 'VL', feature: 'city' } } });
  const evs = run(f);
  assert.equal(one(evs, 'armed_clash').location, f.id('Tarvin'));
  assert.equal(one(evs, 'killing').location, f.id('Tarvin'));
  const g = fixture('Talks in Portmar stalled.\n\nGunmen killed 20 civilians on Sunday.\n\nIn Tarvin, a school was hit.',
    [['Portmar', 'GPE'], ['Tarvin', 'GPE']], { times: [['Sunday', '2021-05-02']], geo: { Portmar: { country: 'VL', feature: 'city' }, Tarvin: { country: 'VL', feature: 'city' } } });
  assert.notEqual(one(run(g), 'killing').location, g.id('Portmar'));
});

test('capture: "the army said it had captured 20 fighters" is the army\'s capture, not the group named before', () => {
  const f = fixture('The Dark Banner attacked Tarvin on Sunday. The army said it had captured 20 fighters near Dresk. Army units are part of the Veloria Armed Forces.',
    [['Dark Banner', 'ORG'], ['Tarvin', 'GPE'], ['Dresk', 'GPE'], ['Veloria Armed Forces', 'ORG']], { times: [['Sunday', '2021-05-02']] });
  const c = one(run(f), 'capture');
  assert.deepEqual(who(c, 'agent'), [f.id('Veloria Armed Forces')]);
  const p = fixture('The Dark Banner attacked Tarvin on Sunday. The police said they had arrested 20 fighters near Dresk.',
    [['Dark Banner', 'ORG'], ['Tarvin', 'GPE'], ['Dresk', 'GPE']], { times: [['Sunday', '2021-05-02']] });
  assert.deepEqual(who(one(run(p), 'capture'), 'agent'), ['The police']);
  // "took control of the town" captures no people
  const g = fixture('The Dark Banner took control of Tarvin and seized the town of Dresk.', [['Dark Banner', 'ORG'], ['Tarvin', 'GPE'], ['Dresk', 'GPE']]);
  assert.ok(!run(g).some((e) => e.type === 'capture'));
});

test('precision: a bare clash with no participant, place or time beside a killing is the killing told again; a dated clash stays', () => {
  const f = fixture('Gunmen killed four villagers in Dresk on Monday.\n\nThe attack shocked residents.',
    [['Dresk', 'GPE']], { times: [['Monday', '2021-05-03']] });
  const evs = run(f);
  assert.deepEqual(evs.map((e) => e.type), ['killing'], JSON.stringify(evs));
  const g = fixture('Gunmen killed four villagers in Dresk on Monday.\n\nClashes erupted on Tuesday.',
    [['Dresk', 'GPE']], { times: [['Monday', '2021-05-03'], ['Tuesday', '2021-05-04']] });
  assert.deepEqual(run(g).map((e) => e.type).sort(), ['armed_clash', 'killing']);
});

test('merging: "gunmen killed 30" and "troops killed 12 bandits" at the same place are two killings (irregulars vs state forces)', () => {
  const f = fixture('Gunmen killed 30 villagers in Dresk on Saturday. Police said more homes burned.\n\nThe army said its troops had killed 12 bandits in a counter-offensive.',
    [['Dresk', 'GPE']], { times: [['Saturday', '2021-05-01']] });
  const evs = run(f).filter((e) => e.type === 'killing');
  assert.equal(evs.length, 2, JSON.stringify(evs));
  assert.deepEqual(who(evs[0], 'agent'), ['gunmen']);
});

test('place: "near X in Y state" is X, the innermost place, for every event of the sentence', () => {
  const f = fixture('Fighters of the Dark Banner ambushed a convoy near Dresk in Tarvin state on Friday, killing four soldiers.',
    [['Dark Banner', 'ORG'], ['Dresk', 'GPE'], ['Tarvin', 'GPE']], { times: [['Friday', '2021-05-07']] });
  const evs = run(f);
  assert.equal(one(evs, 'killing').location, f.id('Dresk'), JSON.stringify(evs));
  assert.equal(one(evs, 'armed_clash').location, f.id('Dresk'));
});

test('a nationality before a strike is its state; the capital of a party to talks is its state; the official reporting a strike is no target', () => {
  // real gazetteer entries: capitals are matched by the country's capital point
  const f = fixture('A Russian drone strike on a residential building in Kharkiv killed three people overnight, regional governor Oleh Petrenko said on Thursday.\n\nTurkey offered to host peace talks between Moscow and Kyiv.',
    [['Russian', 'NORP'], ['Kharkiv', 'GPE'], ['Oleh Petrenko', 'PERSON'], ['Turkey', 'GPE'], ['Moscow', 'GPE'], ['Kyiv', 'GPE'], ['Russia', 'GPE'], ['Ukraine', 'GPE']],
    { times: [['Thursday', '2021-05-06']] });
  const geo = (name: string, g: object) => { f.ctx.entities.find((e) => e.name === name)!.geo = { admin1: null, admin2: null, source: 'test', id: null, ...g } as never; };
  geo('Russia', { country: 'RU', feature: 'country', lat: 55.75, lon: 37.62 });
  geo('Ukraine', { country: 'UA', feature: 'country', lat: 50.45, lon: 30.52 });
  geo('Kharkiv', { country: 'UA', feature: 'city', lat: 49.99, lon: 36.23 });
  for (const [n, c] of [['Moscow', 'RU'], ['Kyiv', 'UA']] as const) {
    const { lat, lon } = (f.ctx.entities.find((e) => e.geo?.country === c && e.geo.feature === 'country')!.geo!);
    geo(n, { country: c, feature: 'city', lat, lon });
  }
  const evs = run(f);
  const a = one(evs, 'airstrike');
  assert.deepEqual(who(a, 'agent'), [f.id('Russia')], JSON.stringify(evs));
  assert.deepEqual(who(a, 'target'), []);
  assert.deepEqual(who(one(evs, 'killing'), 'agent'), [f.id('Russia')]);
  assert.deepEqual(who(one(evs, 'negotiation'), 'agent').sort(), [f.id('Russia'), f.id('Ukraine')].sort());
});

test('capture: "took 40 soldiers prisoner" with the object between verb and noun; "took part", "taking prisoners of war home" are none', () => {
  const f = fixture('The Dark Banner took 40 soldiers prisoner near Dresk on Monday.', [['Dark Banner', 'ORG'], ['Dresk', 'GPE']], { times: [['Monday', '2021-05-03']] });
  const c = one(run(f), 'capture');
  assert.deepEqual(who(c, 'agent'), [f.id('Dark Banner')]);
  assert.deepEqual(who(c, 'target'), ['soldiers']);
  const g = fixture('The Dark Banner took part in talks near Dresk on Monday. A bus was taking the prisoners home to Dresk.', [['Dark Banner', 'ORG'], ['Dresk', 'GPE']], { times: [['Monday', '2021-05-03']] });
  assert.ok(!run(g).some((e) => e.type === 'capture'), JSON.stringify(run(g)));
});
