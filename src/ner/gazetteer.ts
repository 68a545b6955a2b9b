// NER gazetteers: word lists under data/ner/ (sources and licences in data/README.md), matched as
// token phrases. Membership is a feature, never a decision: the model learns how far to trust it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GAZ_LISTS = ['country', 'demonym', 'city', 'province', 'first', 'orgkey', 'title', 'eventkey', 'org', 'last', 'person'] as const;
export type GazList = typeof GAZ_LISTS[number];
const FILES: Record<GazList, string[]> = {
  country: ['countries.txt'],
  demonym: ['demonyms.txt', 'norp-extra.txt'],
  city: ['cities.txt'],
  province: ['provinces.txt'],
  first: ['first-names.txt', 'first-names-extra.txt', 'first-names-compromise.txt'],
  orgkey: ['org-keywords.txt'],
  title: ['person-titles.txt'],
  eventkey: ['event-keywords.txt'],
  org: ['orgs.txt'],
  last: ['last-names.txt'],
  person: ['people.txt'],
};
export const GAZ_BIT: Record<GazList, number> = Object.fromEntries(GAZ_LISTS.map((l, i) => [l, 1 << i])) as Record<GazList, number>;
/** Marks a phrase that is a proper prefix of a longer entry (keep extending the match). */
const PREFIX = 1 << 30;

export const DATA_DIR = fileURLToPath(new URL('../../../data/ner/', import.meta.url));

/** A flat copy of s that shares no memory with the string it was cut from (a list file's text). */
const flat = (s: string): string => JSON.parse(JSON.stringify(s));

export class Gazetteer {
  /** lowercased space-joined token phrase → list bits (| PREFIX) */
  readonly phrases = new Map<string, number>();
  maxLen = 1;

  add(phrase: string, bits: number): void {
    const toks = phrase.toLowerCase().split(/\s+/).filter(Boolean);
    if (!toks.length) return;
    this.maxLen = Math.max(this.maxLen, toks.length);
    let key = '';
    for (let i = 0; i < toks.length; i++) {
      key = i ? key + ' ' + toks[i] : toks[i];
      // a new key is stored as a flat copy: the concatenation (a cons string) and the tokens (maybe
      // slices of a whole list file) would otherwise stay alive with it (~0.5 MB per pipeline thread)
      const last = i === toks.length - 1, had = this.phrases.get(key);
      this.phrases.set(had === undefined ? flat(key) : key, (had ?? 0) | (last ? bits : PREFIX));
    }
  }

  /** Bits of the single token `w` (lowercase form), ignoring phrase structure. */
  word(lower: string): number { return (this.phrases.get(lower) ?? 0) & ~PREFIX; }

  /** The stored value of a one-token phrase (list bits | PREFIX), -1 if none: for `match`'s `first`. */
  phrase(lower: string): number { return this.phrases.get(lower) ?? -1; }

  /**
   * Longest-match every list over a sentence. Writes, per token, B bits (a match starts here) and
   * I bits (inside a match). `lower` holds the tokens' lowercase forms; `cap[i]` whether token i
   * starts with an upper-case letter (matches must start on one). `first[i]`, if given, is
   * phrase(lower[i]) (saves looking the first token up again).
   */
  match(lower: string[], cap: Uint8Array, n: number, outB: Int32Array, outI: Int32Array, first?: Int32Array): void {
    outB.fill(0, 0, n); outI.fill(0, 0, n);
    for (let i = 0; i < n; i++) {
      if (!cap[i] || (first && first[i] < 0)) continue;
      let key = lower[i];
      for (let j = i; j < n && j - i < this.maxLen; ) {
        const v = j === i && first ? first[i] : this.phrases.get(key);
        if (v === undefined) break;
        const bits = v & ~PREFIX;
        if (bits) {
          outB[i] |= bits;
          for (let k = i + 1; k <= j; k++) outI[k] |= bits;
        }
        if (!(v & PREFIX) || ++j >= n) break;
        key = key + ' ' + lower[j];
      }
    }
  }
}

let loaded: Gazetteer | null = null;
/** The shipped gazetteer, loaded once per process. */
export function loadGazetteer(dir = DATA_DIR): Gazetteer {
  if (loaded && dir === DATA_DIR) return loaded;
  const g = new Gazetteer();
  for (const list of GAZ_LISTS) {
    for (const f of FILES[list]) {
      const path = dir + f;
      let text: string;
      try { text = readFileSync(path, 'utf8'); } catch (e) { throw new Error(`NER gazetteer ${path} cannot be read: ${(e as Error).message}`); }
      for (const line of text.split('\n')) {
        const p = line.trim();
        if (!p || p.startsWith('#')) continue;
        g.add(p, GAZ_BIT[list]);
        // demonyms: plural forms (Afghans, Pakistanis) are the same group
        if (list === 'demonym' && !/s$/i.test(p) && !/\s/.test(p) && !/(ese|ish|ch)$/i.test(p)) g.add(p + 's', GAZ_BIT[list]);
      }
    }
  }
  if (dir === DATA_DIR) loaded = g;
  return g;
}
