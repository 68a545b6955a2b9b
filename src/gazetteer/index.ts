// gazetteer: the committed GeoNames-derived place tables (data/geo) and curated lexicons (data/lexicon),
// loaded lazily once and indexed by normalised key.
import { readFileSync } from 'node:fs';
import { detach, memoize } from '../memo.js';
import type { Geo, OrgSubtype } from '../types.js';

const DATA = new URL('../../../data/', import.meta.url);
const readJson = (rel: string) => JSON.parse(readFileSync(new URL(rel, DATA), 'utf8'));

/** Lowercase, strip diacritics and apostrophes/ayn marks, every other non-alphanumeric run → one space. */
// normKey is called for every candidate, lookup and n-gram probe (the same strings many times per
// document), so results are memoised (bounded; a pure function of the string).
export const normKey: (s: string) => string = memoize(computeNormKey);
function computeNormKey(s: string): string {
  // fast path: plain ASCII needs no Unicode normalisation
  if (/^[\x20-\x7e]*$/.test(s)) return s.toLowerCase().replace(/['`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
    .replace(/['‘’`´ʼʻ]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
/** normKey without spaces: "Al-Qaeda", "al Qaeda" and "AlQaeda" share it. */
export const compactKey: (s: string) => string = memoize((s) => normKey(s).replace(/ /g, ''));
/** Consonant skeleton for transliteration-tolerant matching: "Nahr-e-Seraj" and "Nahr-e Sarāj" → "nhrsrj". */
export function skeletonKey(s: string): string {
  const c = compactKey(s);
  return (c.slice(0, 1) + c.slice(1).replace(/[aeiouyw]/g, '')).replace(/(.)\1+/g, '$1');
}

export type Feature = Geo['feature'];
export interface Place {
  feature: Feature; id: string; name: string; country: string;
  admin1Code: string | null; admin1: string | null; admin2: string | null;
  lat: number; lon: number; pop: number;
}

interface GeoIndex { exact: Map<string, Place[]>; places: SortedLines; fuzzy: SortedLines; admin1Names: Record<string, string>; countries: Map<string, Place>;
  /** curated alias key → target keys ("tadmur@SY", "california@US:admin1"), see data/geo/aliases.json */
  aliases: Map<string, string[]> }
let geo: GeoIndex | null = null;

function push(m: Map<string, Place[]>, k: string, p: Place) {
  if (!k) return;
  const l = m.get(k);
  if (!l) m.set(k, [p]); else if (!l.includes(p)) l.push(p);
}

/** Load data/geo once: countries and regions into a map; admin areas and cities stay sorted text lines. */
export function geoIndex(): GeoIndex {
  if (geo) return geo;
  const exact = new Map<string, Place[]>();
  const countries = new Map<string, Place>();
  const countryRows: { cc: string; name: string; aliases: string[]; lat: number; lon: number }[] = readJson('geo/countries.json');
  const regionRows: { name: string; aliases: string[]; lat: number; lon: number; countries?: string[] }[] = readJson('geo/regions.json');
  for (const c of countryRows) {
    const p: Place = { feature: 'country', id: c.cc, name: c.name, country: c.cc, admin1Code: null, admin1: null, admin2: null, lat: c.lat, lon: c.lon, pop: Infinity };
    countries.set(c.cc, p);
    for (const n of [c.name, ...c.aliases]) push(exact, compactKey(n), p);
  }
  for (const r of regionRows) {
    const p: Place = { feature: 'region', id: 'region:' + compactKey(r.name), name: r.name, country: r.countries?.length === 1 ? r.countries[0] : '',
      admin1Code: null, admin1: null, admin2: null, lat: r.lat, lon: r.lon, pop: 5e7 };
    for (const n of [r.name, ...r.aliases]) push(exact, compactKey(n), p);
  }
  const lines = (f: string) => new SortedLines(sharedFiles?.[f] ? Buffer.from(sharedFiles[f].buffer) : readFileSync(new URL(f, DATA)));
  const aliases = new Map<string, string[]>();
  for (const [k, v] of Object.entries(readJson('geo/aliases.json') as Record<string, string[] | string>)) if (!k.startsWith('_') && Array.isArray(v)) aliases.set(compactKey(k), v);
  geo = { exact, places: lines('geo/places.tsv'), fuzzy: lines('geo/fuzzy.tsv'), admin1Names: readJson('geo/admin1.json'), countries, aliases };
  return geo;
}

// The big line files, read once into shared memory for all pipeline threads (~6 MB each saved).
const SHARED_FILES = ['geo/places.tsv', 'geo/fuzzy.tsv'];
let sharedFiles: Record<string, Uint8Array> | null = null;
/** The gazetteer's big data files in SharedArrayBuffers, for worker threads (useSharedGazetteerFiles). */
export function sharedGazetteerFiles(): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const f of SHARED_FILES) {
    const b = readFileSync(new URL(f, DATA));
    out[f] = new Uint8Array(new SharedArrayBuffer(b.length)); out[f].set(b);
  }
  return out;
}
/** Read those files from another thread's shared copy instead of from disk (before first use). */
export function useSharedGazetteerFiles(files: Record<string, Uint8Array>): void { sharedFiles = files; }

/**
 * A key-sorted TSV kept as its UTF-8 bytes plus line offsets. As one JS string the places file is
 * held as UTF-16 (it has non-Latin-1 names: ~11 MB per pipeline thread) plus 86k line strings; as
 * bytes it is 6 MB. Lines are decoded only when looked up.
 */
class SortedLines {
  /** line i is bytes[starts[i], ends[i]) (empty lines skipped) */
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  constructor(private readonly bytes: Buffer) {
    const starts: number[] = [], ends: number[] = [];
    let at = 0;
    for (;;) {
      const nl = bytes.indexOf(10, at), end = nl < 0 ? bytes.length : nl;
      if (end > at) { starts.push(at); ends.push(end); }
      if (nl < 0) break;
      at = nl + 1;
    }
    this.starts = Uint32Array.from(starts); this.ends = Uint32Array.from(ends);
  }
  get length(): number { return this.starts.length; }
  line(i: number): string { return this.bytes.toString('utf8', this.starts[i], this.ends[i]); }
  /** Lines whose first field is key (binary search for the first, then scan); compared as JS strings, as the file was sorted. */
  linesFor(key: string): string[] {
    let lo = 0, hi = this.length;
    const probe = key + '\t';
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.line(mid) < probe) lo = mid + 1; else hi = mid; }
    const out: string[] = [];
    for (let i = lo; i < this.length; i++) { const l = this.line(i); if (!l.startsWith(probe)) break; out.push(l); }
    return out;
  }
}

// Every name looked up adds an entry (misses too), so the cache is emptied between documents once it
// holds this many: Place objects read from the TSV are compared by identity within a document (a
// cluster's places, the country merge), so it is never emptied in the middle of one.
const placeCache = new Map<string, Place[]>();
const PLACE_CACHE_LIMIT = 20_000;
/** Called between documents (resolveEntities does, before its first lookup): keeps the place cache bounded. */
export function boundPlaceCache(): void {
  if (placeCache.size >= PLACE_CACHE_LIMIT) placeCache.clear();
}
function placesForKey(key: string): Place[] {
  const g = geoIndex();
  let hit = placeCache.get(key);
  if (hit) return hit;
  hit = [...(g.exact.get(key) ?? [])];
  const seen = new Set<string>();
  for (const l of g.places.linesFor(key)) {
    const [, feature, id, name, cc, a1, lat, lon, pop] = l.split('\t');
    if (seen.has(feature + id)) continue; seen.add(feature + id);
    hit.push({ feature: feature as Feature, id, name, country: cc, admin1Code: a1 || null, admin1: a1 ? g.admin1Names[a1] ?? null : null,
      admin2: feature === 'admin2' ? name : null, lat: +lat, lon: +lon, pop: feature === 'admin1' ? 1e7 : feature === 'admin2' ? 1e5 : +pop });
  }
  // curated exonyms / abbreviations: "Palmyra" → Tadmur (SY), "Calif." → California (US admin1), "Washington" → also the capital
  for (const target of g.aliases.get(key) ?? []) {
    const m = /^([^@:]+)(?:@([A-Z]{2}))?(?::(\w+))?$/.exec(target);
    if (!m || m[1] === key) continue;
    for (const p of placesForKey(m[1])) if ((!m[2] || p.country === m[2]) && (!m[3] || p.feature === m[3]) && !hit.includes(p)) hit.push(p);
  }
  placeCache.set(detach(key), hit);
  return hit;
}

/** Is this place its country's capital? (countries.json points are the capitals) */
export function isCapital(p: Place): boolean {
  if (p.feature !== 'city') return false;
  const c = geoIndex().countries.get(p.country);
  return !!c && Math.abs(c.lat - p.lat) < 0.05 && Math.abs(c.lon - p.lon) < 0.05;
}

/** Places whose name or alias matches exactly (after normalisation); with fuzzy, fall back to the consonant skeleton. */
export function lookupPlaces(name: string, fuzzy = false): Place[] {
  const key = compactKey(name);
  if (!key) return [];
  const hit = placesForKey(key);
  if (hit.length || !fuzzy) return hit;
  const k = skeletonKey(name);
  if (k.length < 4) return [];
  const keys = new Set(geoIndex().fuzzy.linesFor(k).map((l) => l.slice(l.indexOf('\t') + 1)));
  return [...keys].flatMap(placesForKey);
}

export function toGeo(p: Place): Geo {
  return { lat: p.lat, lon: p.lon, country: p.country || 'ZZ', admin1: p.admin1, admin2: p.admin2, feature: p.feature, source: p.feature === 'region' ? 'dossier' : 'geonames', id: p.id };
}

// ---- lexicons ----

export interface OrgEntry { name: string; aliases: string[]; subtype: OrgSubtype; kb?: { source: string; id: string } }
export interface NorpEntry { forms: string[]; country?: string }
export interface NameLexicon { titles: string[]; keep_title_in_name: string[]; transliteration: Record<string, string>; particles: string[]; junk: string[] }

interface Lexicons { orgs: Map<string, OrgEntry>; norp: Map<string, NorpEntry>; names: NameLexicon; junk: Set<string> }
let lex: Lexicons | null = null;

export function lexicons(): Lexicons {
  if (lex) return lex;
  const names: NameLexicon = readJson('lexicon/names.json');
  const orgs = new Map<string, OrgEntry>();
  for (const o of readJson('lexicon/orgs.json') as OrgEntry[]) for (const n of [o.name, ...o.aliases]) {
    // Acronyms are matched case-sensitively ("IS", "AU" must not hit "is"/"Au"): keep them under their exact form.
    orgs.set(isAcronym(n) ? 'ACR:' + n.replace(/\./g, '') : compactKey(n.replace(/^the\s+/i, '')), o);
  }
  const norp = new Map<string, NorpEntry>();
  for (const e of readJson('lexicon/norp.json') as NorpEntry[]) for (const f of e.forms) norp.set(compactKey(f), e);
  lex = { orgs, norp, names, junk: new Set(names.junk.map(compactKey)) };
  return lex;
}

export const isAcronym = (s: string) => /^(?:[A-Z]\.?){2,6}$/.test(s) || /^[A-Z][A-Z0-9&/-]{1,6}$/.test(s) && /[A-Z].*[A-Z]/.test(s);

// The resolver and the extractors probe the same names (and every n-gram of capitalised tokens)
// many times per document; the lexicons never change once loaded, so answers are memoised
// (bounded; null = known miss). Entries are the lexicon's own shared objects either way.
export const lookupOrg: (name: string) => OrgEntry | undefined = memoize((name) => findOrg(name));
function findOrg(name: string): OrgEntry | undefined {
  const l = lexicons();
  const bare = name.replace(/^the\s+/i, '').replace(/['’]s$/, '');
  return isAcronym(bare) ? l.orgs.get('ACR:' + bare.replace(/\./g, '')) : l.orgs.get(compactKey(bare));
}
/**
 * A cheap pre-test for lookupOrg on plain text: ASCII, typographic quotes and dashes (‘ ’ “ ” – — « »)
 * and Unicode spaces. On such a string compactKey is character-wise (lower case, keep [a-z0-9]: none
 * of the other characters is a letter, digit or mark, and NFKD maps them to themselves or a space),
 * and lookupOrg strips only a leading "the " and a trailing "'s" before its key lookup; so the
 * compactKey of a plain name it finds is a listed key with an optional "the" before and "s" after.
 * Those keys (the ones of [a-z0-9] only) form a trie: node 0 is the root, `next[node * 36 + symbol]`
 * (a-z = 0-25, 0-9 = 26-35) is the child + 1 (0: none), `full[node]` marks a whole key. Walking a plain string off the
 * trie is a certain miss; other strings must still be looked up.
 */
export interface OrgKeyTrie { next: Int32Array; full: Uint8Array }
let orgTrie: OrgKeyTrie | null = null;
export function orgKeyTrie(): OrgKeyTrie {
  if (orgTrie) return orgTrie;
  const edges = new Map<number, number>(), ends: number[] = [];
  let nodes = 1;
  for (const k of lexicons().orgs.keys()) {
    const base = k.startsWith('ACR:') ? compactKey(k.slice(4)) : k;
    for (const v of [base, base + 's', 'the' + base, 'the' + base + 's']) {
      if (!/^[a-z0-9]+$/.test(v)) continue; // a plain string's compactKey never holds other characters
      let node = 0;
      for (let i = 0; i < v.length; i++) {
        const key = node * 36 + keySymbol(v.charCodeAt(i));
        let child = edges.get(key);
        if (child === undefined) { child = nodes++; edges.set(key, child); }
        node = child;
      }
      ends.push(node);
    }
  }
  const next = new Int32Array(nodes * 36);
  for (const [key, child] of edges) next[key] = child + 1;
  const full = new Uint8Array(nodes);
  for (const n of ends) full[n] = 1;
  orgTrie = { next, full };
  return orgTrie;
}
/** a-z → 0-25, 0-9 → 26-35 */
const keySymbol = (c: number) => (c >= 97 ? c - 97 : c - 22);
/**
 * Walk the org-key trie from `node` over the compactKey of text[from, to) as plain text (see
 * orgKeyTrie): the node reached, -1 once no key continues, or -2 if the range holds a character
 * outside plain text (its compactKey is not character-wise). A dead walk still scans for that.
 */
export function walkOrgKey(trie: OrgKeyTrie, node: number, text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      if (c < 128 || c === 0xa0 || c === 0xab || c === 0xbb || (c >= 0x2000 && c <= 0x200a) || c === 0x2013 || c === 0x2014
        || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x2028 || c === 0x2029 || c === 0x202f
        || c === 0x205f || c === 0x3000) continue;
      return -2;
    }
    if (node >= 0) node = trie.next[node * 36 + keySymbol(c)] - 1;
  }
  return node;
}
export const lookupNorp: (name: string) => NorpEntry | undefined = memoize((name) => findNorp(name));
function findNorp(name: string): NorpEntry | undefined {
  return lexicons().norp.get(compactKey(name.replace(/['’]s$/, '')));
}

let common: Set<string> | null = null;
/**
 * Is this a common English word (data/lexicon/common-words.txt: lower-case words frequent in the CoNLL
 * training text and rarely tagged as names)? Used to drop a lone capitalised word at a sentence start.
 */
export function isCommonWord(w: string): boolean {
  common ??= new Set(readFileSync(new URL('lexicon/common-words.txt', DATA), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')));
  return common.has(w.toLowerCase());
}

/** Curated exonyms and short forms of places (data/geo/aliases.json keys), for spotting names the tagger missed. */
export function curatedPlaceAliases(): string[] {
  return [...Object.keys(readJson('geo/aliases.json') as Record<string, unknown>)].filter((k) => !k.startsWith('_'));
}

/** Fold diacritics ("Kagamé" → "Kagame", "Tshisékédi" → "Tshisekedi"); other characters unchanged. */
export const foldDiacritics = (s: string) => (/^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC'));
