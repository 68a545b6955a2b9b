// patterns: shared helpers for the event and relation extractors. Token stems, the mention at a
// token, clause windows, noun-phrase arguments around a cue word, pronoun/nominal resolution,
// places, and the quote (hence source) a span sits in.
import type { Entity, ExtractionContext, Mention, Quote, Sentence, Span, Token } from '../types.js';
import type { Attribution } from './quotes.js';
import { memoize } from '../memo.js';

const IRREGULAR: Record<string, string> = {
  fought: 'fight', struck: 'strike', led: 'lead', took: 'take', taken: 'take', held: 'hold', met: 'meet',
  withdrew: 'withdraw', withdrawn: 'withdraw', shot: 'shoot', swore: 'swear', sworn: 'swear', slain: 'slay',
  slew: 'slay', blew: 'blow', blown: 'blow', began: 'begin', begun: 'begin', bore: 'bear', fled: 'flee',
  hit: 'hit', made: 'make', drove: 'drive', driven: 'drive', rose: 'rise', threw: 'throw', seen: 'see', saw: 'see',
  pulled: 'pull', wed: 'wed', sought: 'seek', brought: 'bring', caught: 'catch', gave: 'give', given: 'give',
};

// stem() runs for every token of every document and for cue words in the extractors' loops; the
// same few thousand word forms recur, so results are memoised (bounded; a pure function of the word).
/** A crude but consistent stem: inflected forms of one word share it (kill/killed/killing → kil, marry/married → marri). */
export const stem: (word: string) => string = memoize((word: string) => stemLower(word.toLowerCase()));

const IRREGULAR_MAP = new Map(Object.entries(IRREGULAR));
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The stem of an already lower-cased word (string tests only: this runs once per distinct word of every article). */
function stemLower(lower: string): string {
  let w = lower;
  // drop a final possessive "'s", then any apostrophe
  const n0 = w.length;
  if (n0 >= 2 && w.charCodeAt(n0 - 1) === 115 /* s */ && (w.charCodeAt(n0 - 2) === 39 || w.charCodeAt(n0 - 2) === 0x2019)) w = w.slice(0, -2);
  if (w.includes("'") || w.includes('\u2019')) w = w.replace(/[’']/g, '');
  // (a Map, not a property lookup with a fresh string key; the Object.prototype names keep the old lookup's result)
  if (PROTOTYPE_NAMES.has(w)) { if (IRREGULAR[w]) w = IRREGULAR[w]; } else w = IRREGULAR_MAP.get(w) ?? w;
  if (w.length > 4 && (w.endsWith('ies') || w.endsWith('ied'))) w = w.slice(0, -3) + 'i';
  else if (w.length > 3 && w.endsWith('s')) {
    const p = w.charCodeAt(w.length - 2);
    if (p !== 115 /* s */ && p !== 117 /* u */ && p !== 105 /* i */) w = w.slice(0, -1);
  }
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 2 && w.endsWith('y')) w = w.slice(0, -1) + 'i';
  if (w.length > 3) {
    const c = w.charCodeAt(w.length - 1);
    // a doubled consonant (b-d, f-h, j-n, p-t, v-z): "kill" → "kil"
    if (c === w.charCodeAt(w.length - 2) && c >= 98 && c <= 122 && c !== 101 && c !== 105 && c !== 111 && c !== 117) w = w.slice(0, -1);
  }
  return w;
}

export const PLACE_NOUN = /^(province|district|city|town|village|region|state|county|governorate|prefecture|area|valley|border|capital)s?$/i;
const NOMINAL_GROUP = /^(group|groups|militants?|insurgents?|organi[sz]ation|movement|network|outfit|insurgency|rebels?|militia|jihadists?|fighters?|adherents?|members?|operatives?|forces?|troops|army|government|regime|administration|unit|corps)$/i;
/** Nouns after a name that still denote its people: "the Taliban commanders", "a BART officer". */
const MEMBER_NOUN = /^(officials?|officers?|soldiers?|police|personnel|authorities|leaders?|commanders?|agents?|spokes(?:man|woman|person)|members?|staff|employees?|military|security|delegation|negotiators?|envoys?|diplomats?|guards?|supporters?|protesters?)$/i;
/** Nominals that stand for an armed group already named; "the army", "the government" are described, not resolved to it. */
const RESOLVABLE_NOMINAL = /^(group|groups|militants?|insurgents?|organi[sz]ation|movement|network|outfit|insurgency|rebels?|militia|jihadists?)$/i;
const PRONOUN_PLURAL = /^(they|them|their|theirs|themselves)$/i;
const PRONOUN_IT = /^(it|its|itself)$/i;
const PRONOUN_PERSON = /^(he|him|his|she|her|himself|herself)$/i;
const PRONOUN_FIRST = /^(we|us|our|ours|i|me|my)$/i;

/** Words that close a clause when scanning for arguments. */
const CLAUSE_STOP = /^(;|:|while|whereas|although|though|because|but|since|after|before|when|where|which|who|whom|whose|despite|unless|if|–|—|“|”|")$/i;

// Events and relations each build a DocIndex over the same tokens: stem and lower-case them once per
// document. Each distinct word form is done once (a small per-document map); stemming it directly is
// cheaper than a lookup in a large shared cache.
interface TokenWords { stems: string[]; lowers: string[] }
const wordsByTokens = new WeakMap<Token[], TokenWords>();
function wordsOf(tokens: Token[]): TokenWords {
  let w = wordsByTokens.get(tokens);
  if (!w) {
    const n = tokens.length;
    const stems = new Array<string>(n), lowers = new Array<string>(n);
    // first index of each word form in this article
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const text = tokens[i].text;
      const k = first.get(text);
      if (k !== undefined) { stems[i] = stems[k]; lowers[i] = lowers[k]; continue; }
      first.set(text, i);
      const lower = text.toLowerCase();
      lowers[i] = lower;
      stems[i] = stemLower(lower);
    }
    w = { stems, lowers };
    wordsByTokens.set(tokens, w);
  }
  return w;
}

/** First-word index of a stemmed cue list: for a token's stem, the cues (in list order) whose first word can match it. */
export function byFirstStem<T extends { alts: Set<string>[] }>(list: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const c of list) for (const s of c.alts[0]) {
    let l = index.get(s);
    if (!l) index.set(s, (l = []));
    if (!l.includes(c)) l.push(c);
  }
  return index;
}

export interface Arg { entity?: string | null; description?: string | null; mention?: Mention; tokens: [number, number] }

export class DocIndex {
  readonly text: string;
  readonly tokens: Token[];
  readonly sentences: Sentence[];
  readonly mentions: Mention[];
  readonly entityById: Map<string, Entity>;
  /** mention covering each token, if any */
  readonly mentionAt: (Mention | undefined)[];
  readonly stems: string[];
  /** lower-cased text of each token */
  readonly lowers: string[];

  constructor(readonly ctx: ExtractionContext, readonly attr: Attribution) {
    this.text = ctx.nlp.text;
    this.tokens = ctx.nlp.tokens;
    this.sentences = ctx.nlp.sentences;
    this.mentions = [...ctx.mentions].sort((a, b) => a.start - b.start);
    this.entityById = new Map(ctx.entities.map((e) => [e.id, e]));
    const words = wordsOf(this.tokens);
    this.stems = words.stems;
    this.lowers = words.lowers;
    this.mentionAt = new Array(this.tokens.length);
    let k = 0;
    for (const t of this.tokens) {
      while (k < this.mentions.length && this.mentions[k].end <= t.start) k++;
      const m = this.mentions[k];
      if (m && m.start < t.end && t.start < m.end) this.mentionAt[t.index] = m;
    }
  }

  entity(m: Mention | undefined): Entity | undefined { return m ? this.entityById.get(m.entity) : undefined; }
  lower(i: number): string { return i >= 0 && i < this.lowers.length ? this.lowers[i] : ''; }
  sentenceOfToken(i: number): Sentence { return this.sentences[this.tokens[i].sentence]; }

  /** Token range [first, last] of a mention. */
  tokenRange(m: Mention): [number, number] {
    let a = -1, b = -1;
    for (let i = this.tokenIndexAt(m.start); i < this.tokens.length && this.tokens[i].start < m.end; i++) {
      if (this.tokens[i].end > m.start) { if (a < 0) a = i; b = i; }
    }
    return [a, b];
  }

  /** Index of the first token ending after offset. */
  tokenIndexAt(offset: number): number {
    let lo = 0, hi = this.tokens.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.tokens[mid].end <= offset) lo = mid + 1; else hi = mid; }
    return lo;
  }

  isPlaceMention(m: Mention | undefined): boolean {
    if (!m) return false;
    const e = this.entity(m);
    if (m.type === 'GPE' || m.type === 'LOC' || e?.type === 'GPE' || e?.type === 'LOC') return true;
    // a name followed by "province"/"district" is a place whatever the tagger said
    const [, b] = this.tokenRange(m);
    return b >= 0 && PLACE_NOUN.test(this.tokens[b + 1]?.text ?? '') && e?.type !== 'PERSON';
  }

  isActor(m: Mention | undefined): boolean {
    if (!m) return false;
    const t = this.entity(m)?.type ?? m.type;
    return (t === 'ORG' || t === 'PERSON' || t === 'NORP' || t === 'GPE') && !(t !== 'GPE' && this.isPlaceMention(m));
  }

  /** Clause window around token i within its sentence: stops at ; : dashes, quotes and subordinators. */
  clause(i: number): [number, number] {
    const s = this.sentenceOfToken(i);
    let a = i, b = i;
    while (a > s.firstToken && !CLAUSE_STOP.test(this.tokens[a - 1].text)) a--;
    while (b < s.lastToken && !CLAUSE_STOP.test(this.tokens[b + 1].text)) b++;
    return [a, b];
  }

  /** The quote containing a span, if any (direct or reported). */
  quoteAt(span: Span): Quote | undefined {
    let best: Quote | undefined;
    for (const q of this.attr.quotes) {
      if (q.start <= span.start && span.end <= q.end && (!best || q.end - q.start < best.end - best.start)) best = q;
    }
    return best;
  }

  /** The mention-headed noun phrase containing token i: "Taliban commander Hazrat Ali" → Hazrat Ali, "al-Qaeda operatives" → al-Qaeda. */
  argAt(i: number, exclude: Set<string> = new Set()): Arg | null {
    const m = this.mentionAt[i];
    if (m && !exclude.has(m.entity)) {
      let [a, b] = this.tokenRange(m);
      // take the last mention of a run "ORG role PERSON" as the head
      let head = m;
      for (let j = b + 1; j <= b + 3 && j < this.tokens.length; j++) {
        const n = this.mentionAt[j];
        if (n && n !== head) { if (this.entity(n)?.type === 'PERSON' || n.type === 'PERSON') { head = n; b = this.tokenRange(n)[1]; } break; }
        if (!/^[a-z-]+$/.test(this.tokens[j].text) || this.tokens[j].pos === 'VERB' || this.tokens[j].pos === 'ADP') break;
      }
      // "Afghan forces": a nationality names the group only together with its noun
      const t = this.entity(head)?.type ?? head.type;
      if (t === 'NORP' && head === m && /^(forces|troops|soldiers|army|police|officials|militants|fighters|authorities|government|military)$/i.test(this.tokens[b + 1]?.text ?? '')) {
        return { entity: head.entity, mention: head, description: this.text.slice(head.start, this.tokens[b + 1].end), tokens: [a, b + 1] };
      }
      return { entity: head.entity, mention: head, tokens: [a, b] };
    }
    return null;
  }

  /**
   * Resolve a pronoun or nominal ("they", "its", "the group") to an earlier actor: the first ORG
   * (or PERSON for he/she) of the current sentence before the word, else of the previous two sentences.
   * First-person pronouns inside a quote resolve to the speaker's affiliation or entity.
   */
  resolve(i: number, exclude: Set<string>): Arg | null {
    const w = this.lower(i);
    const tok = this.tokens[i];
    if (PRONOUN_FIRST.test(w)) {
      const q = this.quoteAt(tok);
      const src = q?.source ? this.attr.sources.find((s) => s.id === q.source) : undefined;
      // "we" speaks for the speaker's organisation, never for a place ("a resident of X said: we fled")
      const aff = src?.affiliation && this.entityById.get(src.affiliation)?.type === 'ORG' ? src.affiliation : null;
      const ent = aff ?? (w === 'i' || w === 'me' || w === 'my' ? src?.entity : null) ?? null;
      if (ent && !exclude.has(ent)) return { entity: ent, tokens: [i, i] };
      return null;
    }
    const wantPerson = PRONOUN_PERSON.test(w);
    // "it/its" may be a country ("France ... its troops"); "they" and group nominals are organisations
    const wantState = PRONOUN_IT.test(w);
    const ok = (m: Mention) => {
      const e = this.entity(m);
      const t = e?.type ?? m.type;
      if (exclude.has(m.entity)) return false;
      if (wantState && t === 'GPE' && (!e?.geo || e.geo.feature === 'country') && !this.isLocative(m)) return true;
      if (this.isPlaceMention(m)) return false;
      return wantPerson ? t === 'PERSON' : t === 'ORG';
    };
    const s = tok.sentence;
    for (let k = s; k >= Math.max(0, s - 2); k--) {
      const sen = this.sentences[k];
      const last = k === s ? i - 1 : sen.lastToken;
      for (let j = sen.firstToken; j <= last; j++) {
        const m = this.mentionAt[j];
        if (m && ok(m)) return { entity: m.entity, mention: m, tokens: [i, i] };
      }
    }
    return null;
  }

  /** Is token i the head of a referring pronoun or nominal ("they", "the group", "its adherents")? */
  isReferring(i: number): boolean {
    const w = this.lower(i);
    if (PRONOUN_PLURAL.test(w) || PRONOUN_IT.test(w) || PRONOUN_PERSON.test(w) || PRONOUN_FIRST.test(w)) return true;
    return NOMINAL_GROUP.test(w) && /^(the|this|that|these|those|its|their|his)$/i.test(this.tokens[i - 1]?.text ?? '');
  }

  /** A referring NP at token i resolved to an actor, or described by its words. */
  refAt(i: number, exclude: Set<string>): Arg | null {
    const direct = this.argAt(i, exclude);
    if (direct) return direct;
    if (this.mentionAt[i]) return null;
    const w = this.lower(i);
    if (this.isReferring(i)) {
      // "its adherents": resolve the possessive determiner rather than the noun
      const det = this.lower(i - 1);
      const possessed = NOMINAL_GROUP.test(w) && /^(its|their|his)$/.test(det);
      const at = possessed ? i - 1 : i;
      const r = possessed || !NOMINAL_GROUP.test(w) || RESOLVABLE_NOMINAL.test(w) ? this.resolve(at, exclude) : null;
      const desc = this.text.slice(this.tokens[NOMINAL_GROUP.test(w) ? i - 1 : i].start, this.tokens[i].end);
      if (r) return { ...r, description: desc, tokens: [i, i] };
      return { description: desc, tokens: [i, i] };
    }
    return null;
  }

  /** Nearest argument left of token i within its clause (skipping over an appositive ", X ,"). */
  leftArg(i: number, exclude: Set<string>, limit = 14): Arg | null {
    const s = this.sentenceOfToken(i);
    for (let j = i - 1; j >= Math.max(s.firstToken, i - limit); j--) {
      const t = this.tokens[j].text;
      // skip a relative clause between commas: "France, which backed the government, announced"
      if (t === ',') {
        for (let k = j - 1; k > Math.max(s.firstToken, j - 12); k--) {
          if (this.tokens[k].text === ',') break;
          if (/^(which|who)$/i.test(this.tokens[k].text) && this.tokens[k - 1]?.text === ',') { j = k - 1; break; }
        }
        continue;
      }
      if (/^[;:]$/.test(t) || (CLAUSE_STOP.test(t) && !/^[,–—“”"]$/.test(t) && this.tokens[j].pos === 'SCONJ')) break;
      if (/^(that|which|who)$/i.test(t)) break;
      const m = this.mentionAt[j];
      if (m) {
        if (this.isPlaceMention(m) && /^(in|at|near|inside|from|of)$/i.test(this.tokens[this.tokenRange(m)[0] - 1]?.text ?? '')) continue;
        if (exclude.has(m.entity)) continue;
        if (!this.isActor(m)) continue;
        // "X's unit" / "members of X": still X
        const r = this.argAt(this.tokenRange(m)[0], exclude);
        if (r) return r;
      }
      // object pronouns ("saw them") cannot be the subject
      if (this.tokens[j].pos === 'NOUN' || (this.tokens[j].pos === 'PRON' && !/^(them|him|her|us|me|it)$/i.test(t))) {
        const r = this.refAt(j, exclude);
        if (r) return r;
      }
    }
    return null;
  }

  /**
   * The subject noun phrase of a cue: skip the verb group and the cue's own determiners leftwards,
   * then take the first noun phrase; its name, or its resolved pronoun/possessive ("their foreign
   * fighters"). Unlike leftArg it never reaches past that phrase ("groups of fighters aligned with X"
   * has no named subject).
   */
  subjectOf(i: number, exclude: Set<string>): Arg | null {
    const s = this.sentenceOfToken(i);
    let j = i - 1;
    while (j >= s.firstToken && /^(DET|ADJ|ADV|AUX|PART|VERB)$/.test(this.tokens[j].pos) && !this.mentionAt[j]
      && !/^(that|which|who|whom|and|or|but|if|while)$/i.test(this.tokens[j].text)) {
      if (/^(its|their|his|her|our|we|they|it)$/i.test(this.tokens[j].text)) break;
      j--;
    }
    // the noun phrase: names, nouns, adjectives, numbers and possessives
    for (let k = j; k >= Math.max(s.firstToken, j - 6); k--) {
      const t = this.tokens[k];
      const m = this.mentionAt[k];
      if (m) {
        if (exclude.has(m.entity) || !this.isActor(m) || this.isLocative(m)) return null;
        return this.argAt(this.tokenRange(m)[0], exclude);
      }
      if (this.isReferring(k) || /^(its|their|his|her|our)$/i.test(t.text)) {
        const r = this.refAt(k, exclude);
        if (r) return r;
      }
      if (!/^(NOUN|ADJ|NUM|DET|PRON)$/.test(t.pos) && !/^['’]s$/.test(t.text)) return null;
      if (t.pos === 'DET' && !/^(its|their|his|her)$/i.test(t.text)) return null;
    }
    return null;
  }

  /** A place named as the setting ("in X", "provinces of X"), not as an actor. */
  isLocative(m: Mention): boolean {
    if (!this.isPlaceMention(m)) return false;
    let p = this.tokenRange(m)[0] - 1;
    if (/^the$/i.test(this.tokens[p]?.text ?? '')) p--;
    const w = this.lower(p);
    if (/^(in|at|near|inside|outside|into|across|throughout|from|on|around|within)$/.test(w)) return true;
    return w === 'of' && PLACE_NOUN.test(this.tokens[p - 1]?.text ?? '') || /^(lines|parts|north|south|east|west|outskirts)$/i.test(this.tokens[p - 1]?.text ?? '');
  }

  /** Nearest argument right of token i within its clause; places after a locative preposition are not arguments. */
  rightArg(i: number, exclude: Set<string>, limit = 10): Arg | null {
    const [, end] = this.clause(i);
    for (let j = i + 1; j <= Math.min(end, i + limit); j++) {
      const t = this.tokens[j].text;
      if (t === ',' || /^(while|and|but|to|as)$/i.test(t) && j > i + 1) break;
      const m = this.mentionAt[j];
      if (m) {
        const [a, b] = this.tokenRange(m);
        if (this.isLocative(m)) { j = b; continue; }
        if (exclude.has(m.entity)) { j = b; continue; }
        if (!this.isActor(m)) { j = b; continue; }
        // "a BART train": a name modifying a common noun is no argument ("Taliban fighters" is)
        const next = this.tokens[b + 1];
        if (next && next.pos === 'NOUN' && /^[a-z]/.test(next.text) && /^(a|an)$/i.test(this.tokens[a - 1]?.text ?? '') && !NOMINAL_GROUP.test(next.text) && !MEMBER_NOUN.test(next.text)) { j = b; continue; }
        return this.argAt(a, exclude);
      }
      if (this.tokens[j].pos === 'PRON' || this.tokens[j].pos === 'NOUN') {
        const r = this.refAt(j, exclude);
        if (r) return r;
      }
    }
    return null;
  }

  /** The actor after a preposition word ("by", "alongside", "to") following token i in the same sentence. */
  prepArg(i: number, preps: RegExp, exclude: Set<string>, limit = 12): Arg | null {
    const s = this.sentenceOfToken(i);
    for (let j = i + 1; j <= Math.min(s.lastToken, i + limit); j++) {
      if (/^[;:]$/.test(this.tokens[j].text)) break;
      if (preps.test(this.tokens[j].text)) {
        const r = this.rightArg(j, exclude, 6);
        if (r) return r;
      }
    }
    return null;
  }

  /** Place mentions of a sentence with the preposition before each. */
  places(sentence: Sentence): { m: Mention; prep: string; first: number }[] {
    const out: { m: Mention; prep: string; first: number }[] = [];
    let last: Mention | undefined;
    for (let j = sentence.firstToken; j <= sentence.lastToken; j++) {
      const m = this.mentionAt[j];
      if (!m || m === last) continue;
      last = m;
      if (!this.isPlaceMention(m)) continue;
      const a = this.tokenRange(m)[0];
      let p = a - 1;
      if (/^(the|a|an)$/i.test(this.tokens[p]?.text ?? '')) p--;
      out.push({ m, prep: p >= sentence.firstToken ? this.lower(p) : '', first: a });
    }
    return out;
  }
}

/** Evidence span of a sentence. */
export function sentenceSpan(s: Sentence): Span { return { start: s.start, end: s.end }; }

/** Canonical order for symmetric pairs. */
export function ordered(a: string, b: string): [string, string] {
  const n = (x: string) => Number(x.replace(/\D+/g, '')) || 0;
  return n(a) < n(b) || (n(a) === n(b) && a < b) ? [a, b] : [b, a];
}
