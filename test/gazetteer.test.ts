// The committed gazetteer and lexicons load and answer lookups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactKey, geoIndex, lookupNorp, lookupOrg, lookupPlaces, skeletonKey, toGeo } from '../src/gazetteer/index.js';

test('keys ignore case, hyphens, spaces and diacritics', () => {
  assert.equal(compactKey('Nahr-e Sarāj'), compactKey('nahr-e-saraj'));
  assert.equal(compactKey('Al-Qaeda'), compactKey('al qaeda'));
  assert.equal(skeletonKey('Nahr-e-Seraj'), skeletonKey('Nahr-e Sarāj'));
});

test('gazetteer loads once and finds countries, admin1, admin2 and cities', () => {
  const g = geoIndex();
  assert.equal(geoIndex(), g, 'loaded once');
  assert.ok(g.places.length > 50000);
  const af = lookupPlaces('Afghanistan');
  assert.equal(af[0].feature, 'country');
  assert.deepEqual(lookupPlaces('U.S.').map((p) => p.id), ['US']);
  const helmand = lookupPlaces('Helmand').find((p) => p.feature === 'admin1')!;
  assert.equal(helmand.id, 'AF.10');
  const kabul = lookupPlaces('Kabul').find((p) => p.feature === 'city')!;
  assert.equal(kabul.country, 'AF');
  assert.equal(kabul.admin1, 'Kabul');
  assert.ok(Math.abs(kabul.lat - 34.53) < 0.1 && Math.abs(kabul.lon - 69.17) < 0.1);
  const geo = toGeo(kabul);
  assert.equal(geo.source, 'geonames');
  assert.equal(geo.feature, 'city');
});

test('fuzzy lookup finds transliteration variants only when asked', () => {
  assert.equal(lookupPlaces('Nahr-e-Seraj').length, 0);
  const hits = lookupPlaces('Nahr-e-Seraj', true);
  assert.ok(hits.some((p) => p.id === 'AF.10.2302' && p.feature === 'admin2' && p.admin1 === 'Helmand'));
});

test('regions are LOC places', () => {
  assert.equal(lookupPlaces('Middle East')[0].feature, 'region');
});

test('lexicons: organisations with subtypes and aliases; acronyms case-sensitive; NORP forms', () => {
  assert.equal(lookupOrg('al-Qaida')?.name, 'al-Qaeda');
  assert.equal(lookupOrg('the Daily Beast')?.subtype, 'media');
  assert.equal(lookupOrg('CIA')?.subtype, 'intelligence_agency');
  assert.equal(lookupOrg('Is'), undefined);
  assert.equal(lookupOrg('IS')?.name, 'Islamic State');
  assert.equal(lookupNorp('Afghans')?.country, 'AF');
  assert.ok(lookupNorp('Sunni'));
  assert.equal(lookupNorp('Afghanistan'), undefined);
});

test('curated exonyms and AP state abbreviations; capitals are recognised', async () => {
  const { isCapital } = await import('../src/gazetteer/index.js');
  assert.ok(lookupPlaces('Palmyra').some((p) => p.country === 'SY'));
  assert.deepEqual(lookupPlaces('Calif.').map((p) => `${p.feature}:${p.id}`), ['admin1:US.CA']);
  assert.ok(lookupPlaces('Kiev').some((p) => p.name === 'Kyiv'));
  const dc = lookupPlaces('Washington').find((p) => p.feature === 'city' && p.country === 'US' && isCapital(p));
  assert.equal(dc?.admin1, 'District of Columbia');
  assert.ok(!lookupPlaces('Washington').some((p) => p.admin1 === 'Pennsylvania' && isCapital(p)));
  assert.equal(lookupPlaces('Pa.').length, 0, 'ambiguous abbreviations are left out');
});

test('lexicons: Nazi forms and neo-Nazis are NORP groups; short title abbreviations are titles', async () => {
  const { isTitle } = await import('../src/resolve/spans.js');
  assert.equal(lookupNorp('National Socialism'), lookupNorp('Nazis'));
  assert.ok(lookupNorp('neo-Nazis'));
  for (const t of ['Cmdr.', 'Cmdr', 'Lt.', 'Gen.', 'Sgt.', 'Rep.', 'Sen.', 'Gov.', 'Dr.', 'Secretary of State', 'Attorney General', 'Interim Police Chief']) assert.ok(isTitle(t), t);
  assert.ok(!isTitle('Robertson'));
});

test('French exonyms and common-word list', async () => {
  const { lookupPlaces, isCommonWord, foldDiacritics } = await import('../src/gazetteer/index.js');
  for (const [fr, cc] of [['Tchad', 'TD'], ['Soudan', 'SD'], ['Irak', 'IQ'], ['Syrie', 'SY'], ['Liban', 'LB'], ['Sud-Kivu', 'CD'], ['Democratic Republic of Congo', 'CD']]) {
    const ps = lookupPlaces(fr);
    assert.ok(ps.length >= 1 && ps.every((p) => p.country === cc), `${fr}: ${JSON.stringify(ps.map((p) => p.country))}`);
  }
  assert.equal(isCommonWord('Residents'), true);
  assert.equal(isCommonWord('Kabul'), false);
  assert.equal(foldDiacritics('Tshisékédi'), 'Tshisekedi');
});
