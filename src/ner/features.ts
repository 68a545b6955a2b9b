// Feature extraction for the NER tagger. A document is a list of sentences of token strings; each
// token gets a list of uint32 feature keys (template id mixed with value hashes). Word-level
// strings (shape, affixes, lowercase…) are computed once per word type and cached, so tagging
// known words costs only integer mixing.
import { fmix, hashString, key1, key2 } from './hash.js';
import { GAZ_BIT, GAZ_LISTS, type Gazetteer } from './gazetteer.js';

/** Bump when templates change: a model records the version it was trained with. */
export const FEATURE_VERSION = 1;

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
}
const H_WORD = 0, H_LOWER = 1, H_SHAPE = 2, H_SHORT = 3, H_PRE = 4, H_SUF = 8;

const sigCache = new Map<string, WordSig>();
function wordSig(raw: string, gaz: Gazetteer): WordSig {
  let s = sigCache.get(raw);
  if (s) return s;
  const w = normalizeToken(raw);
  const lower = w.toLowerCase();
  const h = new Uint32Array(12);
  h[H_WORD] = hashString(w); h[H_LOWER] = hashString(lower);
  h[H_SHAPE] = hashString(wordShape(w, 3)); h[H_SHORT] = hashString(wordShape(w, 1));
  for (let k = 1; k <= 4; k++) {
    h[H_PRE + k - 1] = lower.length >= k ? hashString(lower.slice(0, k), 0x1234567 + k) : 0;
    h[H_SUF + k - 1] = lower.length >= k ? hashString(lower.slice(-k), 0x7654321 + k) : 0;
  }
  const upper = w.toUpperCase();
  const alpha = lower !== upper ? 1 : 0;
  const first = w.charAt(0);
  s = {
    lower, h,
    cap: first !== first.toLowerCase() ? 1 : 0,
    allCaps: alpha && w === upper && w.replace(/[^\p{L}]/gu, '').length >= 2 ? 1 : 0,
    alpha,
    lowerAlpha: alpha && w === lower ? 1 : 0,
    gaz: gaz.word(lower),
  };
  // bounded: a long-running process must not grow without limit
  if (sigCache.size > 500_000) sigCache.clear();
  sigCache.set(raw, s);
  return s;
}

// template ids
const enum T {
  Bias, Word, Lower, Shape, Short, Pre1, Suf1 = Pre1 + 4, LowerM1 = Suf1 + 4, LowerM2, LowerP1, LowerP2,
  WordM1, WordP1, ShortM1, ShortM2, ShortP1, ShortP2, BiM1, BiP1, ShortTri, PosShort, HeadLower,
  GazB, GazI = GazB + 16, GazM1 = GazI + 16, GazP1 = GazM1 + 16, DocShort = GazP1 + 16, DocLower,
  SufShort, PreW, WordPos, LowerM1Short, GazCount,
}

/** Features of one document: keys[offs[t] .. offs[t+1]) belong to token t (tokens numbered across sentences). */
export interface DocFeatures { keys: Uint32Array; offs: Int32Array; nTokens: number }

const NONE = hashString('<none>');
let bufB = new Int32Array(256), bufI = new Int32Array(256), bufCap = new Uint8Array(256);

/** Extract features for every token of a document (sentences of raw token strings). */
export function extractDoc(doc: string[][], gaz: Gazetteer): DocFeatures {
  let total = 0;
  for (const s of doc) total += s.length;
  let keys = new Uint32Array(Math.max(64, total * 48));
  const offs = new Int32Array(total + 1);
  let nk = 0, t = 0;
  const push = (k: number) => {
    if (nk === keys.length) { const b = new Uint32Array(keys.length * 2); b.set(keys); keys = b; }
    keys[nk++] = k;
  };

  // document-level evidence: is this word capitalised mid-sentence elsewhere? seen in lower case?
  const docFlags = new Map<string, number>();
  const sigsOf: WordSig[][] = [];
  const headline: number[] = [];
  for (const s of doc) {
    const sigs = s.map((w) => wordSig(w, gaz));
    sigsOf.push(sigs);
    let letters = 0, caps = 0;
    for (const g of sigs) if (g.alpha) { letters++; if (g.allCaps) caps++; }
    const hl = letters >= 2 && caps >= letters * 0.8 ? 1 : 0;
    headline.push(hl);
    for (let i = 0; i < sigs.length; i++) {
      const g = sigs[i];
      if (!g.alpha) continue;
      let f = docFlags.get(g.lower) ?? 0;
      if (g.lowerAlpha) f |= 2;
      else if (g.cap && i > 0 && !hl) f |= 1;
      docFlags.set(g.lower, f);
    }
  }

  for (let si = 0; si < doc.length; si++) {
    const sigs = sigsOf[si];
    const n = sigs.length;
    if (bufB.length < n) { bufB = new Int32Array(n * 2); bufI = new Int32Array(n * 2); bufCap = new Uint8Array(n * 2); }
    const lowers = sigs.map((g) => g.lower);
    for (let i = 0; i < n; i++) bufCap[i] = sigs[i].cap;
    gaz.match(lowers, bufCap, n, bufB, bufI);
    const hl = headline[si];
    for (let i = 0; i < n; i++, t++) {
      offs[t] = nk;
      const g = sigs[i].h, sg = sigs[i];
      const m1 = i > 0 ? sigs[i - 1].h : null, m2 = i > 1 ? sigs[i - 2].h : null;
      const p1 = i + 1 < n ? sigs[i + 1].h : null, p2 = i + 2 < n ? sigs[i + 2].h : null;
      push(key1(T.Bias, 0));
      push(key1(T.Word, g[H_WORD]));
      push(key1(T.Lower, g[H_LOWER]));
      push(key1(T.Shape, g[H_SHAPE]));
      push(key1(T.Short, g[H_SHORT]));
      for (let k = 0; k < 4; k++) {
        if (g[H_PRE + k]) push(key1(T.Pre1 + k, g[H_PRE + k]));
        if (g[H_SUF + k]) push(key1(T.Suf1 + k, g[H_SUF + k]));
      }
      push(key1(T.SufShort, fmix(g[H_SUF + 2] ^ g[H_SHORT])));
      const lm1 = m1 ? m1[H_LOWER] : NONE, lp1 = p1 ? p1[H_LOWER] : NONE;
      const sm1 = m1 ? m1[H_SHORT] : NONE, sp1 = p1 ? p1[H_SHORT] : NONE;
      push(key1(T.LowerM1, lm1));
      push(key1(T.LowerM2, m2 ? m2[H_LOWER] : NONE));
      push(key1(T.LowerP1, lp1));
      push(key1(T.LowerP2, p2 ? p2[H_LOWER] : NONE));
      push(key1(T.WordM1, m1 ? m1[H_WORD] : NONE));
      push(key1(T.WordP1, p1 ? p1[H_WORD] : NONE));
      push(key1(T.ShortM1, sm1));
      push(key1(T.ShortM2, m2 ? m2[H_SHORT] : NONE));
      push(key1(T.ShortP1, sp1));
      push(key1(T.ShortP2, p2 ? p2[H_SHORT] : NONE));
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
      let gc = 0;
      for (let k = 0; k < GAZ_LISTS.length; k++) {
        const bit = 1 << k;
        if (b & bit) { push(key1(T.GazB + k, 0)); gc++; }
        if (in_ & bit) { push(key1(T.GazI + k, 0)); gc++; }
        if (i > 0 && ((bufB[i - 1] | bufI[i - 1]) & bit)) push(key2(T.GazM1 + k, (bufB[i - 1] & bit) ? 1 : 2, (in_ & bit) ? 1 : 0));
        if (i + 1 < n && (bufB[i + 1] & bit)) push(key1(T.GazP1 + k, 0));
        else if (i + 1 < n && (bufI[i + 1] & bit)) push(key1(T.GazP1 + k, 1));
      }
      if (!gc && sg.cap) push(key1(T.GazCount, sg.gaz & GAZ_BIT.first ? 1 : 0));
      // document consistency
      if (sg.cap && sg.alpha) {
        const f = docFlags.get(sg.lower) ?? 0;
        const code = f | ((i === 0 ? 1 : 0) << 2) | (hl << 3);
        push(key2(T.DocShort, code, g[H_SHORT]));
        if (f) push(key2(T.DocLower, code, g[H_LOWER]));
      }
    }
  }
  offs[t] = nk;
  return { keys: keys.subarray(0, nk), offs, nTokens: total };
}
