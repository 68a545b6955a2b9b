// Feature extraction for the NER tagger. A document is a list of sentences of token strings; each
// token gets a list of uint32 feature keys (template id mixed with value hashes). Word-level
// strings (shape, affixes, lowercase…) are computed once per word type and cached, so tagging
// known words costs only integer mixing.
import { fmix, hashString, key1, key2 } from './hash.js';
import { GAZ_BIT, GAZ_LISTS, type Gazetteer } from './gazetteer.js';
import { detach } from '../memo.js';

/** Bump when templates change: a model records the version it was trained with. */
export const FEATURE_VERSION = 3;

/** Map typographic characters to the ASCII forms the Reuters training text uses. */
export function normalizeToken(t: string): string {
  if (/^[\x20-\x7e]*$/.test(t)) return t;
  return t.replace(/[“”„‟″«»]/g, '"').replace(/[‘’‛′`´]/g, "'").replace(/[–—―]/g, '-').replace(/…/g, '...');
}

/** Word shape: X upper, x lower, d digit, other characters kept; runs capped at 3 (short: at 1). */
export function wordShape(w: string, maxRun = 3): string {
  let out = '', prev = '', run = 0;
  for (const ch of w) {
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch !== ch.toLowerCase()) c = 'X';
    else if (ch !== ch.toUpperCase()) c = 'x';
    else c = ch;
    if (c === prev) { if (++run > maxRun) continue; } else { prev = c; run = 1; }
    out += c;
  }
  return out;
}

export interface WordSig {
  lower: string;
  /** hashes: word, lower, shape, short shape, prefixes 1–4, suffixes 1–4 (lowercase) */
  h: Uint32Array;
  cap: number;      // starts with an upper-case letter
  allCaps: number;  // all letters upper case, at least 2 letters
  alpha: number;    // has a letter
  lowerAlpha: number; // all letters lower case
  gaz: number;      // single-token gazetteer bits
  /** cached summed word-type weights (OFFSETS.length × labels per stage) of the model `vecOf` */
  vec: Float32Array | undefined;
  vecOf: object | undefined;
  /** per-document scratch shared by the word types with this lowercase form (undefined for BOUNDARY) */
  li?: LowerInfo;
  /** the gazetteer's value for the lowercase form as a one-token phrase, -1 if none (see Gazetteer.match) */
  gv: number;
}

/**
 * Document-level tallies of one lowercase form, valid while `stamp` is the current document's
 * (they replace per-document Maps keyed by the lowercase string: no string hashing per token).
 */
interface LowerInfo {
  /** extractDoc: docFlags (1: capitalised mid-sentence, 2: seen in lower case) */
  fStamp: number; flags: number;
  /** stackFeatures: class bits, class counts (O, PER, ORG, LOC, MISC), chunk-tail bits, follows a title */
  sStamp: number; bits: number; c0: number; c1: number; c2: number; c3: number; c4: number; tail: number; titled: number;
}
const H_WORD = 0, H_LOWER = 1, H_SHAPE = 2, H_SHORT = 3, H_PRE = 4, H_SUF = 8;

/**
 * Word types by raw token, and their shared per-lowercase scratch. Bounded: when over SIG_LIMIT
 * entries both are emptied, only ever at the start of a document (so that all word types of one
 * document share their LowerInfo), and when a different gazetteer is used.
 */
const sigCache = new Map<string, WordSig>();
const lowerCache = new Map<string, LowerInfo>();
let sigGaz: Gazetteer | null = null;
export const SIG_LIMIT = 16_000; // ~1.3 KB per word type (hashes, vectors, tallies): ≤ ~21 MB per pipeline thread
function startDoc(gaz: Gazetteer): void {
  if (sigCache.size > SIG_LIMIT || gaz !== sigGaz) { sigCache.clear(); lowerCache.clear(); sigGaz = gaz; }
}
/** Number of cached word types (for tests of the bound). */
export function sigCacheSize(): number { return sigCache.size; }

/**
 * Small typed arrays cut from larger blocks, never reused: a word type's arrays are views into a
 * block shared with ~1,000 others instead of arrays of their own (one object each instead of two to
 * four plus a malloc'd buffer: less for the GC to trace and sweep, less memory per cached word type).
 * A block is freed once every view into it is gone (the cache is emptied in whole generations).
 */
export class Slab<A extends Uint32Array | Float32Array> {
  private block: A | null = null;
  private used = 0;
  constructor(private readonly make: (n: number) => A, private readonly size: number, private readonly perBlock = 1024) {}
  take(): A {
    if (!this.block || this.used === this.perBlock) { this.block = this.make(this.size * this.perBlock); this.used = 0; }
    const at = this.used++ * this.size;
    return this.block.subarray(at, at + this.size) as A;
  }
}
const hashSlab = new Slab((n) => new Uint32Array(n), 12);

function wordSig(raw: string, gaz: Gazetteer): WordSig {
  let s = sigCache.get(raw);
  if (s) return s;
  const w = normalizeToken(raw);
  const lower = detach(w.toLowerCase()); // kept by the cache: never a view into the article text
  const h = hashSlab.take();
  h[H_WORD] = hashString(w); h[H_LOWER] = hashString(lower);
  h[H_SHAPE] = hashString(wordShape(w, 3)); h[H_SHORT] = hashString(wordShape(w, 1));
  for (let k = 1; k <= 4; k++) {
    h[H_PRE + k - 1] = lower.length >= k ? hashString(lower.slice(0, k), 0x1234567 + k) : 0;
    h[H_SUF + k - 1] = lower.length >= k ? hashString(lower.slice(-k), 0x7654321 + k) : 0;
  }
  const upper = w.toUpperCase();
  const alpha = lower !== upper ? 1 : 0;
  const first = w.charAt(0);
  let li = lowerCache.get(lower);
  if (!li) lowerCache.set(lower, (li = { fStamp: 0, flags: 0, sStamp: 0, bits: 0, c0: 0, c1: 0, c2: 0, c3: 0, c4: 0, tail: 0, titled: 0 }));
  s = {
    lower, h,
    cap: first !== first.toLowerCase() ? 1 : 0,
    allCaps: alpha && w === upper && w.replace(/[^\p{L}]/gu, '').length >= 2 ? 1 : 0,
    alpha,
    lowerAlpha: alpha && w === lower ? 1 : 0,
    gaz: gaz.word(lower),
    vec: undefined, vecOf: undefined, // present from the start: every WordSig keeps one hidden class
    li, gv: gaz.phrase(lower),
  };
  sigCache.set(detach(raw), s);
  return s;
}

// template ids
const enum T {
  Bias, Word, Lower, Shape, Short, Pre1, Suf1 = Pre1 + 4, LowerM1 = Suf1 + 4, LowerM2, LowerP1, LowerP2,
  WordM1, WordP1, ShortM1, ShortM2, ShortP1, ShortP2, BiM1, BiP1, ShortTri, PosShort, HeadLower,
  GazB, GazI = GazB + 16, GazM1 = GazI + 16, GazP1 = GazM1 + 16, DocShort = GazP1 + 16, DocLower,
  SufShort, PreW, WordPos, LowerM1Short, GazCount,
  // second stage (stacking on the first stage's labels)
  Prior, PriorNb, PriorShort, DocTypes, DocTypesPrior, DocMajor, DocMajorShort, PriorWord, DocShare, DocTail, DocTitled,
}

/** Offsets of the word-type features: a token's own word and its neighbours at -2..+2. */
export const OFFSETS = [-2, -1, 0, 1, 2] as const;

const NONE = hashString('<none>');
/** Stands for "no token here" beyond the sentence edges. */
export const BOUNDARY: WordSig = { lower: '', h: new Uint32Array(12).fill(NONE), cap: 0, allCaps: 0, alpha: 0, lowerAlpha: 0, gaz: 0, vec: undefined, vecOf: undefined, li: undefined, gv: -1 };

/**
 * Keys of the features that depend only on the word type at offset `o` from the token. Their
 * weights sum to a per-word-type vector that the tagger caches (see Model.wordVector).
 */
export function wordKeys(sig: WordSig, o: number, out: Uint32Array): number {
  const g = sig.h;
  let n = 0;
  switch (o) {
    case 0:
      out[n++] = key1(T.Bias, 0);
      out[n++] = key1(T.Word, g[H_WORD]); out[n++] = key1(T.Lower, g[H_LOWER]);
      out[n++] = key1(T.Shape, g[H_SHAPE]); out[n++] = key1(T.Short, g[H_SHORT]);
      for (let k = 0; k < 4; k++) {
        if (g[H_PRE + k]) out[n++] = key1(T.Pre1 + k, g[H_PRE + k]);
        if (g[H_SUF + k]) out[n++] = key1(T.Suf1 + k, g[H_SUF + k]);
      }
      out[n++] = key1(T.SufShort, fmix(g[H_SUF + 2] ^ g[H_SHORT]));
      break;
    case -1: out[n++] = key1(T.LowerM1, g[H_LOWER]); out[n++] = key1(T.WordM1, g[H_WORD]); out[n++] = key1(T.ShortM1, g[H_SHORT]); break;
    case -2: out[n++] = key1(T.LowerM2, g[H_LOWER]); out[n++] = key1(T.ShortM2, g[H_SHORT]); break;
    case 1: out[n++] = key1(T.LowerP1, g[H_LOWER]); out[n++] = key1(T.WordP1, g[H_WORD]); out[n++] = key1(T.ShortP1, g[H_SHORT]); break;
    case 2: out[n++] = key1(T.LowerP2, g[H_LOWER]); out[n++] = key1(T.ShortP2, g[H_SHORT]); break;
  }
  return n;
}
export const MAX_WORD_KEYS = 16;

/**
 * Features of one document, tokens numbered across sentences. keys[offs[t] .. offs[t+1]) are the
 * token's context features; its word-type features come from sigs[t + o] (or BOUNDARY) at each
 * offset o (see wordKeys), and are included in keys only when `full` was asked for (training).
 */
export interface DocFeatures { keys: Uint32Array; offs: Int32Array; nTokens: number; sigs: WordSig[]; sentOf: Int32Array; sentStart: Int32Array; sentEnd: Int32Array }

/** CoNLL class index of a label id (O = -1): O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC. */
const CLASS_OF = [-1, 0, 0, 1, 1, 2, 2, 3, 3];

let bufB = new Int32Array(256), bufI = new Int32Array(256), bufCap = new Uint8Array(256), bufGv = new Int32Array(256);
const lowerBuf: string[] = [];
let docStamp = 0, stackStamp = 0;
const wk = new Uint32Array(MAX_WORD_KEYS);

/** Extract the (first-stage) features of every token of a document (sentences of raw token strings). */
export function extractDoc(doc: string[][], gaz: Gazetteer, opts: { full?: boolean; reuse?: boolean } = {}): DocFeatures {
  const { full = false, reuse = false } = opts;
  let total = 0;
  for (const s of doc) total += s.length;
  // reuse: the typed arrays are module scratch buffers, overwritten by the next such call (every
  // element of them that the result exposes is written below)
  const nKeys = Math.max(64, total * (full ? 56 : 24));
  let keys = reuse ? (X.keys.length >= nKeys ? X.keys : (X.keys = new Uint32Array(nKeys))) : new Uint32Array(nKeys);
  const offs = reuse ? scratchI32(X, 'offs', total + 1) : new Int32Array(total + 1);
  const sigs: WordSig[] = new Array(total);
  const sentOf = reuse ? scratchI32(X, 'sentOf', total) : new Int32Array(total);
  const sentStart = reuse ? scratchI32(X, 'sentStart', doc.length) : new Int32Array(doc.length);
  const sentEnd = reuse ? scratchI32(X, 'sentEnd', doc.length) : new Int32Array(doc.length);
  let nk = 0, t = 0;
  const push = (k: number) => {
    if (nk === keys.length) { const b = new Uint32Array(keys.length * 2); b.set(keys); keys = b; }
    keys[nk++] = k;
  };

  // document-level evidence: is this word capitalised mid-sentence elsewhere? seen in lower case?
  startDoc(gaz);
  const stamp = ++docStamp;
  const headline = new Uint8Array(doc.length);
  for (let si = 0, tt = 0; si < doc.length; si++) {
    const s = doc[si];
    sentStart[si] = tt;
    let letters = 0, caps = 0;
    for (let i = 0; i < s.length; i++) {
      const g = sigs[tt + i] = wordSig(s[i], gaz);
      sentOf[tt + i] = si;
      if (g.alpha) { letters++; if (g.allCaps) caps++; }
    }
    const hl = headline[si] = letters >= 2 && caps >= letters * 0.8 ? 1 : 0;
    for (let i = 0; i < s.length; i++) {
      const g = sigs[tt + i];
      if (!g.alpha) continue;
      const li = g.li!;
      if (li.fStamp !== stamp) { li.fStamp = stamp; li.flags = 0; }
      if (g.lowerAlpha) li.flags |= 2;
      else if (g.cap && i > 0 && !hl) li.flags |= 1;
    }
    tt += s.length;
    sentEnd[si] = tt;
  }

  for (let si = 0; si < doc.length; si++) {
    const base = sentStart[si];
    const n = doc[si].length;
    if (bufB.length < n) { bufB = new Int32Array(n * 2); bufI = new Int32Array(n * 2); bufCap = new Uint8Array(n * 2); bufGv = new Int32Array(n * 2); }
    for (let i = 0; i < n; i++) { const g = sigs[base + i]; lowerBuf[i] = g.lower; bufCap[i] = g.cap; bufGv[i] = g.gv; }
    gaz.match(lowerBuf, bufCap, n, bufB, bufI, bufGv);
    const hl = headline[si];
    for (let i = 0; i < n; i++, t++) {
      offs[t] = nk;
      const sg = sigs[t], g = sg.h;
      const m1 = i > 0 ? sigs[t - 1].h : BOUNDARY.h;
      const p1 = i + 1 < n ? sigs[t + 1].h : BOUNDARY.h;
      if (full) {
        for (const o of OFFSETS) {
          const s = i + o >= 0 && i + o < n ? sigs[t + o] : BOUNDARY;
          const m = wordKeys(s, o, wk);
          for (let j = 0; j < m; j++) push(wk[j]);
        }
      }
      const lm1 = m1[H_LOWER], lp1 = p1[H_LOWER], sm1 = m1[H_SHORT], sp1 = p1[H_SHORT];
      push(key2(T.BiM1, lm1, g[H_LOWER]));
      push(key2(T.BiP1, g[H_LOWER], lp1));
      push(key2(T.ShortTri, fmix(sm1 ^ g[H_SHORT]), sp1));
      push(key2(T.LowerM1Short, lm1, g[H_SHORT]));
      const pos = (i === 0 ? 1 : 0) | (i === n - 1 ? 2 : 0) | (n <= 4 ? 4 : 0) | (hl << 3);
      push(key2(T.PosShort, pos, g[H_SHORT]));
      push(key2(T.WordPos, pos, g[H_LOWER]));
      if (hl) push(key1(T.HeadLower, g[H_LOWER]));
      // gazetteers: phrase matches at this token and its neighbours
      const b = bufB[i], in_ = bufI[i];
      const bm1 = i > 0 ? bufB[i - 1] | bufI[i - 1] : 0, bp1 = i + 1 < n ? bufB[i + 1] | bufI[i + 1] : 0;
      if (b | in_ | bm1 | bp1) {
        for (let k = 0; k < GAZ_LISTS.length; k++) {
          const bit = 1 << k;
          if (b & bit) push(key1(T.GazB + k, 0));
          if (in_ & bit) push(key1(T.GazI + k, 0));
          if (bm1 & bit) push(key2(T.GazM1 + k, (bufB[i - 1] & bit) ? 1 : 2, (in_ & bit) ? 1 : 0));
          if (bp1 & bit) push(key1(T.GazP1 + k, (bufB[i + 1] & bit) ? 0 : 1));
        }
      } else if (sg.cap) push(key1(T.GazCount, 0));
      // document consistency
      if (sg.cap && sg.alpha) {
        const f = sg.li!.flags; // set above for this document: the token is alphabetic
        const code = f | ((i === 0 ? 1 : 0) << 2) | (hl << 3);
        push(key2(T.DocShort, code, g[H_SHORT]));
        if (f) push(key2(T.DocLower, code, g[H_LOWER]));
      }
    }
  }
  offs[t] = nk;
  if (reuse) X.keys = keys; // (it may have grown)
  return { keys: keys.subarray(0, nk), offs, nTokens: total, sigs, sentOf, sentStart, sentEnd };
}

/** Extra per-token feature keys (same layout as DocFeatures.keys/offs). */
export interface ExtraFeatures { keys: Uint32Array; offs: Int32Array }

/**
 * The second stage's features: the first stage's labels (`prior`, per token) at and around the
 * token, and which classes it gave the same word anywhere in the document.
 */
export function stackFeatures(f: DocFeatures, prior: Uint8Array, reuse = false): ExtraFeatures {
  const total = f.nTokens, sigs = f.sigs;
  // per lowercase form (see LowerInfo): class bits and counts over capitalised occurrences, the
  // last word of a multi-word name ("Sami Sadat" → "Sadat") and words right after a title
  const stamp = ++stackStamp;
  for (let u = 0; u < total; u++) {
    const g = sigs[u];
    if (!g.cap || !g.alpha) continue;
    const li = touch(g.li!, stamp), c = CLASS_OF[prior[u]];
    li.bits |= c < 0 ? 16 : 1 << c;
    switch (c) { case -1: li.c0++; break; case 0: li.c1++; break; case 1: li.c2++; break; case 2: li.c3++; break; case 3: li.c4++; break; }
  }
  for (let u = 0; u < total; u++) {
    const y = prior[u], si = f.sentOf[u];
    const endsChunk = y !== 0 && (u + 1 === f.sentEnd[si] || CLASS_OF[prior[u + 1]] !== CLASS_OF[y] || (prior[u + 1] & 1) === 1);
    if (endsChunk && u > f.sentStart[si] && (y & 1) === 0) touch(sigs[u].li!, stamp).tail |= 1 << CLASS_OF[y];
    if (u > f.sentStart[si] && sigs[u].cap && (sigs[u - 1].gaz & GAZ_BIT.title)) touch(sigs[u].li!, stamp).titled = 1;
  }
  // reuse: scratch buffers as in extractDoc; at most 14 keys per token
  const keys = reuse ? scratchU32(X, 'xkeys', total * 14) : new Uint32Array(total * 14);
  const offs = reuse ? scratchI32(X, 'xoffs', total + 1) : new Int32Array(total + 1);
  let nk = 0;
  for (let t = 0; t < total; t++) {
    offs[t] = nk;
    const sg = sigs[t], g = sg.h, y = prior[t];
    const si = f.sentOf[t], first = t === f.sentStart[si], last = t === f.sentEnd[si] - 1;
    keys[nk++] = key1(T.Prior, y);
    keys[nk++] = key2(T.PriorNb, first ? 15 : prior[t - 1], last ? 15 : prior[t + 1]);
    keys[nk++] = key2(T.PriorShort, y, g[H_SHORT]);
    keys[nk++] = key2(T.PriorWord, y, g[H_LOWER]);
    if (sg.cap && sg.alpha) {
      const li = sg.li!; // touched above for this document
      const bits = li.bits;
      keys[nk++] = key1(T.DocTypes, bits);
      keys[nk++] = key2(T.DocTypesPrior, bits, y);
      const c0 = li.c0, c1 = li.c1, c2 = li.c2, c3 = li.c3, c4 = li.c4;
      let maj = -1, best = 0;
      if (c1 > best) { best = c1; maj = 1; }
      if (c2 > best) { best = c2; maj = 2; }
      if (c3 > best) { best = c3; maj = 3; }
      if (c4 > best) { best = c4; maj = 4; }
      const all = c0 + c1 + c2 + c3 + c4;
      const share = maj < 0 ? 0 : (best * 4 >= all * 3 ? 2 : 1);
      keys[nk++] = key2(T.DocMajor, maj, share);
      keys[nk++] = key2(T.DocMajorShort, maj * 4 + share, g[H_SHORT]);
      if (c1) keys[nk++] = key2(T.DocShare, 1, Math.min(3, Math.floor((4 * c1) / all)));
      if (c2) keys[nk++] = key2(T.DocShare, 2, Math.min(3, Math.floor((4 * c2) / all)));
      if (c3) keys[nk++] = key2(T.DocShare, 3, Math.min(3, Math.floor((4 * c3) / all)));
      if (c4) keys[nk++] = key2(T.DocShare, 4, Math.min(3, Math.floor((4 * c4) / all)));
      if (li.tail) keys[nk++] = key2(T.DocTail, li.tail, y);
      if (li.titled) keys[nk++] = key1(T.DocTitled, y);
    }
  }
  offs[total] = nk;
  return { keys: keys.subarray(0, nk), offs };
}

/** Scratch buffers of extractDoc and stackFeatures (option `reuse`). */
const X = {
  keys: new Uint32Array(0), offs: new Int32Array(0), sentOf: new Int32Array(0), sentStart: new Int32Array(0), sentEnd: new Int32Array(0),
  xkeys: new Uint32Array(0), xoffs: new Int32Array(0),
};
/** A length-n view of scratch buffer X[name], grown as needed. */
function scratchI32(x: typeof X, name: 'offs' | 'sentOf' | 'sentStart' | 'sentEnd' | 'xoffs', n: number): Int32Array {
  if (x[name].length < n) x[name] = new Int32Array(Math.max(64, n * 2));
  return x[name].subarray(0, n);
}
function scratchU32(x: typeof X, name: 'xkeys', n: number): Uint32Array {
  if (x[name].length < n) x[name] = new Uint32Array(Math.max(64, n * 2));
  return x[name].subarray(0, n);
}

/** The LowerInfo's stackFeatures fields, reset if they belong to an earlier call. */
function touch(li: LowerInfo, stamp: number): LowerInfo {
  if (li.sStamp !== stamp) { li.sStamp = stamp; li.bits = 0; li.c0 = li.c1 = li.c2 = li.c3 = li.c4 = 0; li.tail = 0; li.titled = 0; }
  return li;
}

/** Concatenate base and extra features per token (training wants one list per token). */
export function mergeFeatures(f: DocFeatures, x: ExtraFeatures): DocFeatures {
  const keys = new Uint32Array(f.keys.length + x.keys.length), offs = new Int32Array(f.nTokens + 1);
  let nk = 0;
  for (let t = 0; t < f.nTokens; t++) {
    offs[t] = nk;
    keys.set(f.keys.subarray(f.offs[t], f.offs[t + 1]), nk); nk += f.offs[t + 1] - f.offs[t];
    keys.set(x.keys.subarray(x.offs[t], x.offs[t + 1]), nk); nk += x.offs[t + 1] - x.offs[t];
  }
  offs[f.nTokens] = nk;
  return { ...f, keys, offs };
}
