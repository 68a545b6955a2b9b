// The tagger's model: per-feature label weights, label transitions, Viterbi decoding, and the
// binary file format (gzip of: magic, JSON header, uint32 keys, int16 quantised weights).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KeyTable } from './hash.js';
import { BOUNDARY, MAX_WORD_KEYS, OFFSETS, Slab, wordKeys, type DocFeatures, type ExtraFeatures, type WordSig } from './features.js';

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = typeof LABELS[number];
export const NL = LABELS.length;
export const LABEL_ID: Record<string, number> = Object.fromEntries(LABELS.map((l, i) => [l, i]));

/** IOB2 constraint: I-X only after B-X or I-X. allowed[prev * NL + cur]; prev = NL is the sentence start. */
export const ALLOWED = (() => {
  const a = new Uint8Array((NL + 1) * NL);
  for (let p = 0; p <= NL; p++) for (let c = 0; c < NL; c++) {
    const lc = LABELS[c];
    if (!lc.startsWith('I-')) { a[p * NL + c] = 1; continue; }
    if (p < NL && LABELS[p].slice(2) === lc.slice(2)) a[p * NL + c] = 1;
  }
  return a;
})();

let nextUid = 0;
const wk = new Uint32Array(MAX_WORD_KEYS);
const NO = OFFSETS.length;
/** Length of a stage's word vector: OFFSETS × labels. */
export const WORD_VEC = NO * NL;

/** One stage of the tagger: feature weights and label transitions. */
export class Model {
  /** distinguishes models in the per-word-type weight cache */
  readonly uid = nextUid++;
  constructor(
    readonly table: KeyTable,
    /** weights[row * NL + label] */
    readonly weights: Float32Array,
    /** trans[prev * NL + cur], prev = NL for the sentence start */
    readonly trans: Float32Array,
  ) {}

  /** Summed weights of a word type's features at each offset (cached on the word type, one model at a time). */
  wordVector(sig: WordSig): Float32Array {
    if (sig.vecOf === this && sig.vec) return sig.vec;
    const v = new Float32Array(NO * NL);
    this.wordVectorInto(sig, v, 0);
    sig.vec = v; sig.vecOf = this;
    return v;
  }

  /** Adds the word type's summed feature weights at each offset into v[o + k * NL + y] (zeroed by the caller). */
  wordVectorInto(sig: WordSig, v: Float32Array, o: number): void {
    for (let k = 0; k < NO; k++) {
      const m = wordKeys(sig, OFFSETS[k], wk);
      for (let j = 0; j < m; j++) {
        const r = this.table.get(wk[j]);
        if (r < 0) continue;
        for (let y = 0; y < NL; y++) v[o + k * NL + y] += this.weights[r * NL + y];
      }
    }
  }

  /** Rows of `keys` in this stage's table (-1: absent) into rows[0 .. keys.length). */
  rowsOf(keys: Uint32Array, rows: Int32Array): void {
    const table = this.table;
    for (let j = 0; j < keys.length; j++) rows[j] = table.get(keys[j]);
  }

  /** Emission scores for the tokens of sentence `si` into em[(t - start) * NL + y]. */
  emissions(f: DocFeatures, si: number, em: Float32Array, extra?: ExtraFeatures): void {
    const a = f.offs[f.sentStart[si]], b = f.offs[f.sentEnd[si]];
    const rows = new Int32Array(b - a);
    this.rowsOf(f.keys.subarray(a, b), rows);
    const inp: StageInput = { rows, stride: 1, off: -a, w: this.weights, wStride: NL, wOff: 0, vecs: f.sigs.map((g) => this.wordVector(g)), voff: 0, bv: this.wordVector(BOUNDARY), xOff: 0 };
    if (extra) {
      inp.xOff = -extra.offs[f.sentStart[si]];
      inp.xrows = new Int32Array(extra.offs[f.sentEnd[si]] + inp.xOff);
      this.rowsOf(extra.keys.subarray(-inp.xOff, -inp.xOff + inp.xrows.length), inp.xrows);
      inp.xoffs = extra.offs;
    }
    this.emissionsFrom(f, si, em, inp);
  }

  /** Emission scores for the tokens of sentence `si` into em[(t - start) * NL + y] (see StageInput). */
  emissionsFrom(f: DocFeatures, si: number, em: Float32Array, inp: StageInput): void { emissionsFrom(f, si, em, inp); }
}

/** What a stage needs besides the document's features to score a sentence. */
export interface StageInput {
  /** row of context key f.keys[j] at rows[j * stride + off] (-1: absent) */
  rows: Int32Array; stride: number; off: number;
  /** the weights of row r at w[r * wStride + wOff ..] */
  w: Float32Array; wStride: number; wOff: number;
  /** per token t, its word type's vector (see Model.wordVector) at vecs[t][voff ..]; bv the same for BOUNDARY */
  vecs: Float32Array[]; voff: number; bv: Float32Array;
  /** extra (second-stage) keys: offsets per token and the row of extra key j at xrows[j + xOff] */
  xoffs?: Int32Array; xrows?: Int32Array; xOff: number;
}

if (NL !== 9) throw new Error('model.ts: emissionsFrom and viterbi are unrolled for 9 labels');

/**
 * Emission scores for the tokens of sentence `si` into em[(t - start) * NL + y] (see StageInput).
 * The weights are added to each token's scores in a fixed order (word-type vectors, then context
 * rows, then extra rows) so that results are reproducible bit for bit.
 */
export function emissionsFrom(f: DocFeatures, si: number, em: Float32Array, inp: StageInput): void {
  const offs = f.offs, { rows, stride, off, w, wStride, wOff, xoffs, xrows, xOff, vecs: V, voff, bv } = inp;
  const t0 = f.sentStart[si], t1 = f.sentEnd[si];
  const fr = Math.fround;
  for (let t = t0; t < t1; t++) {
    // each token's scores summed in float32 (fround after every add, as a Float32Array element
    // would be) and in the order of the original scatter loop: the word-type slices -2 and -1
    // inside the sentence, boundary -2 and -1, the token's own, boundary +1 and +2, +1 and +2
    // inside the sentence; then the context rows, then the extra rows
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0, e8 = 0;
    let v: Float32Array, o: number;
    // left neighbours: (-2, -1) inside; (-1 inside, -2 boundary); (-2, -1) boundary
    if (t - 2 >= t0) { v = V[t - 2]; o = voff; } else if (t - 1 >= t0) { v = V[t - 1]; o = voff + NL; } else { v = bv; o = voff; }
    e0 = fr(e0 + v[o]);
    e1 = fr(e1 + v[o + 1]);
    e2 = fr(e2 + v[o + 2]);
    e3 = fr(e3 + v[o + 3]);
    e4 = fr(e4 + v[o + 4]);
    e5 = fr(e5 + v[o + 5]);
    e6 = fr(e6 + v[o + 6]);
    e7 = fr(e7 + v[o + 7]);
    e8 = fr(e8 + v[o + 8]);
    if (t - 2 >= t0) { v = V[t - 1]; o = voff + NL; } else { v = bv; o = t - 1 >= t0 ? voff : voff + NL; }
    e0 = fr(e0 + v[o]);
    e1 = fr(e1 + v[o + 1]);
    e2 = fr(e2 + v[o + 2]);
    e3 = fr(e3 + v[o + 3]);
    e4 = fr(e4 + v[o + 4]);
    e5 = fr(e5 + v[o + 5]);
    e6 = fr(e6 + v[o + 6]);
    e7 = fr(e7 + v[o + 7]);
    e8 = fr(e8 + v[o + 8]);
    v = V[t]; o = voff + 2 * NL;
    e0 = fr(e0 + v[o]);
    e1 = fr(e1 + v[o + 1]);
    e2 = fr(e2 + v[o + 2]);
    e3 = fr(e3 + v[o + 3]);
    e4 = fr(e4 + v[o + 4]);
    e5 = fr(e5 + v[o + 5]);
    e6 = fr(e6 + v[o + 6]);
    e7 = fr(e7 + v[o + 7]);
    e8 = fr(e8 + v[o + 8]);
    // right neighbours: (+1, +2) boundary; (+2 boundary, +1 inside); (+1, +2) inside
    if (t + 1 >= t1) { v = bv; o = voff + 3 * NL; } else if (t + 2 >= t1) { v = bv; o = voff + 4 * NL; } else { v = V[t + 1]; o = voff + 3 * NL; }
    e0 = fr(e0 + v[o]);
    e1 = fr(e1 + v[o + 1]);
    e2 = fr(e2 + v[o + 2]);
    e3 = fr(e3 + v[o + 3]);
    e4 = fr(e4 + v[o + 4]);
    e5 = fr(e5 + v[o + 5]);
    e6 = fr(e6 + v[o + 6]);
    e7 = fr(e7 + v[o + 7]);
    e8 = fr(e8 + v[o + 8]);
    if (t + 1 >= t1) { v = bv; o = voff + 4 * NL; } else if (t + 2 >= t1) { v = V[t + 1]; o = voff + 3 * NL; } else { v = V[t + 2]; o = voff + 4 * NL; }
    e0 = fr(e0 + v[o]);
    e1 = fr(e1 + v[o + 1]);
    e2 = fr(e2 + v[o + 2]);
    e3 = fr(e3 + v[o + 3]);
    e4 = fr(e4 + v[o + 4]);
    e5 = fr(e5 + v[o + 5]);
    e6 = fr(e6 + v[o + 6]);
    e7 = fr(e7 + v[o + 7]);
    e8 = fr(e8 + v[o + 8]);
    for (let j = offs[t], e = offs[t + 1]; j < e; j++) {
      const r = rows[j * stride + off];
      if (r < 0) continue;
      const q = r * wStride + wOff;
      e0 = fr(e0 + w[q]);
      e1 = fr(e1 + w[q + 1]);
      e2 = fr(e2 + w[q + 2]);
      e3 = fr(e3 + w[q + 3]);
      e4 = fr(e4 + w[q + 4]);
      e5 = fr(e5 + w[q + 5]);
      e6 = fr(e6 + w[q + 6]);
      e7 = fr(e7 + w[q + 7]);
      e8 = fr(e8 + w[q + 8]);
    }
    if (xoffs && xrows) for (let j = xoffs[t], e = xoffs[t + 1]; j < e; j++) {
      const r = xrows[j + xOff];
      if (r < 0) continue;
      const q = r * wStride + wOff;
      e0 = fr(e0 + w[q]);
      e1 = fr(e1 + w[q + 1]);
      e2 = fr(e2 + w[q + 2]);
      e3 = fr(e3 + w[q + 3]);
      e4 = fr(e4 + w[q + 4]);
      e5 = fr(e5 + w[q + 5]);
      e6 = fr(e6 + w[q + 6]);
      e7 = fr(e7 + w[q + 7]);
      e8 = fr(e8 + w[q + 8]);
    }
    const b = (t - t0) * NL;
    em[b] = e0; em[b + 1] = e1; em[b + 2] = e2; em[b + 3] = e3; em[b + 4] = e4; em[b + 5] = e5; em[b + 6] = e6; em[b + 7] = e7; em[b + 8] = e8;
  }
}

/**
 * The whole tagger: stage 1 tags from local features; stage 2 (optional) re-tags with stage 1's labels as document-level evidence.
 *
 * Inference uses only the joint table (one copy of the weights): a model loaded from a file is built
 * straight into it, and its per-stage `Model`s (key table + weights, as training makes them) are
 * materialised from it only if something asks for `stages` (tests, re-saving, decodeStage).
 */
export interface SharedNerModel { id: string; featureVersion: number; meta: Record<string, unknown>; trans: Float32Array[]; joint: SharedJointTable }

export class NerModel {
  private jointTable?: JointTable;
  private vecSlab?: Slab<Float32Array>;
  private stageModels?: Model[];
  /** each stage's label transitions (Model.trans) */
  readonly trans: Float32Array[];
  constructor(id: string, featureVersion: number, stages: Model[], meta?: Record<string, unknown>);
  constructor(id: string, featureVersion: number, stages: JointTable, meta: Record<string, unknown>, trans: Float32Array[]);
  constructor(readonly id: string, readonly featureVersion: number, stages: Model[] | JointTable, readonly meta: Record<string, unknown> = {}, trans?: Float32Array[]) {
    if (stages instanceof JointTable) {
      if (!trans || trans.length !== stages.stages) throw new Error('NerModel: one transition table per stage');
      this.jointTable = stages; this.trans = trans;
    } else {
      this.stageModels = stages; this.trans = stages.map((m) => m.trans);
    }
  }
  get nStages(): number { return this.trans.length; }
  /** This model with its joint table in shared memory, to hand to worker threads (fromShared). */
  toShared(): SharedNerModel {
    return { id: this.id, featureVersion: this.featureVersion, meta: this.meta, trans: this.trans, joint: this.joint().toShared() };
  }
  static fromShared(m: SharedNerModel): NerModel {
    return new NerModel(m.id, m.featureVersion, JointTable.fromShared(m.joint), m.meta, m.trans);
  }
  /** The per-stage models (for a loaded model, rebuilt from the joint table on first use and kept). */
  get stages(): Model[] {
    return (this.stageModels ??= this.trans.map((t, s) => this.jointTable!.stageModel(s, t)));
  }
  /** All stages' rows of a key from one probe (built on first use when the model was trained, not loaded). */
  joint(): JointTable { return (this.jointTable ??= JointTable.of(this.stageModels!)); }
  /**
   * Every stage's word vector (Model.wordVector) of a word type, stage k at [k * WORD_VEC ..); cached
   * on the word type. Computed from the joint table: each element sums the same float32 weights in
   * the same order (keys in wordKeys order) as Model.wordVectorInto does from the stage's own table.
   */
  wordVectors(sig: WordSig): Float32Array {
    if (sig.vecOf === this && sig.vec) return sig.vec;
    const jt = this.joint(), S = jt.stages, w = jt.weights;
    const v = (this.vecSlab ??= new Slab((n) => new Float32Array(n), S * WORD_VEC)).take();
    for (let k = 0; k < NO; k++) {
      const m = wordKeys(sig, OFFSETS[k], wk);
      for (let j = 0; j < m; j++) {
        const x = jt.probe(wk[j]);
        if (x === 0) continue;
        const row = x >>> S;
        for (let st = 0; st < S; st++) {
          if (!((x >>> st) & 1)) continue;
          const q = (row * S + st) * NL, o = st * WORD_VEC + k * NL;
          for (let y = 0; y < NL; y++) v[o + y] += w[q + y];
        }
      }
    }
    sig.vec = v; sig.vecOf = this;
    return v;
  }
  save(path: string): void { writeFileSync(path, encodeModel(this)); }
}

interface StageHeader { rows: number; scale: number; trans: number[] }
interface FileHeader { id: string; featureVersion: number; labels: readonly string[]; stages: StageHeader[]; meta?: Record<string, unknown> }

/**
 * The union of several stages' key tables: one probe gives a key's row in every stage, and the rows
 * of one key in all stages lie side by side in `weights` (stage s at row * stages * NL + s * NL, zero
 * where the stage lacks the key), so the later stages find them in cache.
 */
/** The arrays of a JointTable, backed by SharedArrayBuffers (structured-clonable to worker threads). */
export interface SharedJointTable { stages: number; slots: Uint32Array; weights: Float32Array; filter: Int32Array }

export class JointTable {
  readonly weights: Float32Array;
  /** slot i: key at 2i (0 = empty); at 2i + 1, row << stages | bit s set when stage s has the key */
  private readonly slots: Uint32Array;
  private readonly mask: number;
  /**
   * One bit per value of the key's top 20 bits, set when some key has them: a 128 KB bitmap that
   * stays in cache and answers most lookups of absent keys (about half of them) without a probe.
   */
  private readonly filter: Int32Array;
  /** An empty table with room for `keys` keys of `stages` stages (filled by place()), or a shared one. */
  private constructor(readonly stages: number, keys: number, shared?: SharedJointTable) {
    if (stages > 8) throw new Error('JointTable: at most 8 stages');
    if (shared) {
      this.slots = shared.slots; this.weights = shared.weights; this.filter = shared.filter; this.mask = shared.slots.length / 2 - 1;
      return;
    }
    let n = 16; while (n < keys * 2) n <<= 1;
    this.mask = n - 1;
    this.slots = new Uint32Array(n * 2);
    this.weights = new Float32Array(keys * stages * NL);
    this.filter = new Int32Array(1 << 15);
  }
  /** A copy in shared memory: pipeline threads given it use one table instead of ~9 MB each. */
  toShared(): SharedJointTable {
    const copy = <T extends Uint32Array | Float32Array | Int32Array>(a: T, make: (b: SharedArrayBuffer) => T) => {
      const out = make(new SharedArrayBuffer(a.byteLength)); out.set(a as never); return out;
    };
    return {
      stages: this.stages,
      slots: copy(this.slots, (b) => new Uint32Array(b)),
      weights: copy(this.weights, (b) => new Float32Array(b)),
      filter: copy(this.filter, (b) => new Int32Array(b)),
    };
  }
  /** A table over shared arrays (read-only by convention: nothing writes a table after it is built). */
  static fromShared(t: SharedJointTable): JointTable { return new JointTable(t.stages, 0, t); }
  /** Puts key k (absent so far) at `row`, present in the stages whose bits are set. */
  private place(k: number, row: number, bits: number): void {
    const s = this.slots, mask = this.mask;
    let i = k & mask;
    while (s[2 * i] !== 0) i = (i + 1) & mask;
    s[2 * i] = k; s[2 * i + 1] = ((row << this.stages) | bits) >>> 0;
    this.filter[k >>> 17] |= 1 << ((k >>> 12) & 31);
  }

  /** The joint table of trained stages' tables. */
  static of(models: Model[]): JointTable {
    const S = models.length;
    const keys = new Set<number>();
    for (const { table: tb } of models) for (let i = 0; i < tb.capacity; i++) if (tb.keyAt(i) !== 0) keys.add(tb.keyAt(i));
    const jt = new JointTable(S, keys.size), w = jt.weights;
    let row = 0;
    for (const k of keys) {
      let bits = 0;
      for (let st = 0; st < S; st++) {
        const r = models[st].table.get(k);
        if (r < 0) continue;
        bits |= 1 << st;
        w.set(models[st].weights.subarray(r * NL, r * NL + NL), (row * S + st) * NL);
      }
      jt.place(k, row++, bits);
    }
    return jt;
  }

  /**
   * The joint table of stages read from a model file: stage s has keys K[s] (strictly increasing)
   * whose weights are Q[s][i * NL + y] * scale[s] (stored as float32, as a stage's own table holds them).
   */
  static fromSorted(K: Uint32Array[], Q: Int16Array[], scale: number[]): JointTable {
    const S = K.length, pos = new Int32Array(S);
    // one merge pass to count the union, a second to place the keys in increasing order
    const merge = (each: (k: number, bits: number) => void) => {
      pos.fill(0);
      for (;;) {
        let k = -1;
        for (let s = 0; s < S; s++) if (pos[s] < K[s].length && (k < 0 || K[s][pos[s]] < k)) k = K[s][pos[s]];
        if (k < 0) return;
        let bits = 0;
        for (let s = 0; s < S; s++) if (pos[s] < K[s].length && K[s][pos[s]] === k) { bits |= 1 << s; pos[s]++; }
        each(k, bits);
      }
    };
    let n = 0;
    merge(() => { n++; });
    const jt = new JointTable(S, n), w = jt.weights;
    let row = 0;
    merge((k, bits) => {
      for (let s = 0; s < S; s++) {
        if (!((bits >>> s) & 1)) continue;
        const src = (pos[s] - 1) * NL, dst = (row * S + s) * NL, q = Q[s], sc = scale[s];
        for (let y = 0; y < NL; y++) w[dst + y] = q[src + y] * sc;
      }
      jt.place(k, row++, bits);
    });
    return jt;
  }

  /** Stage `st` alone as a Model with its own key table and weights (a copy). */
  stageModel(st: number, trans: Float32Array): Model {
    const s = this.slots, S = this.stages;
    let n = 0;
    for (let i = 1; i < s.length; i += 2) if (s[i - 1] !== 0 && (s[i] >>> st) & 1) n++;
    const table = new KeyTable(n), W = new Float32Array(n * NL);
    let r = 0;
    for (let i = 1; i < s.length; i += 2) {
      if (s[i - 1] === 0 || !((s[i] >>> st) & 1)) continue;
      const q = ((s[i] >>> S) * S + st) * NL;
      W.set(this.weights.subarray(q, q + NL), r * NL);
      table.set(s[i - 1], r++);
    }
    return new Model(table, W, trans);
  }

  /** row << stages | stage bits of key k; 0 when no stage has it. */
  probe(k: number): number {
    if (!(this.filter[k >>> 17] & (1 << ((k >>> 12) & 31)))) return 0;
    const s = this.slots, mask = this.mask;
    for (let i = k & mask; ; i = (i + 1) & mask) {
      const x = s[2 * i];
      if (x === k) return s[2 * i + 1];
      if (x === 0) return 0;
    }
  }
  /** rows[j * stages + s] = row of keys[j] if stage s has it, else -1, for j < n. */
  lookup(keys: Uint32Array, n: number, rows: Int32Array): void {
    const s = this.slots, mask = this.mask, S = this.stages, filter = this.filter;
    for (let j = 0; j < n; j++) {
      const k = keys[j];
      let i = k & mask, v = 0;
      if (filter[k >>> 17] & (1 << ((k >>> 12) & 31))) for (;;) {
        const x = s[2 * i];
        if (x === k) { v = s[2 * i + 1]; break; }
        if (x === 0) break;
        i = (i + 1) & mask;
      }
      const row = v >>> S;
      for (let st = 0; st < S; st++) rows[j * S + st] = (v >>> st) & 1 ? row : -1;
    }
  }
  /** rows[j] = row of keys[j] if stage `st` has it, else -1. */
  lookupStage(keys: Uint32Array, st: number, rows: Int32Array): void {
    const s = this.slots, mask = this.mask, S = this.stages, filter = this.filter;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j];
      let i = k & mask, v = 0;
      if (filter[k >>> 17] & (1 << ((k >>> 12) & 31))) for (;;) {
        const x = s[2 * i];
        if (x === k) { v = s[2 * i + 1]; break; }
        if (x === 0) break;
        i = (i + 1) & mask;
      }
      rows[j] = (v >>> st) & 1 ? v >>> S : -1;
    }
  }
}

let vScore = new Float32Array(0), vBack = new Int8Array(0);
/** Best label sequence for n tokens given emissions em (n × NL) and transitions; writes into out. */
export function viterbi(em: Float32Array, n: number, trans: Float32Array, out: Uint8Array): void {
  if (n === 0) return;
  if (vScore.length < n * NL) { vScore = new Float32Array(n * NL * 2); vBack = new Int8Array(n * NL * 2); }
  const sc = vScore, bk = vBack;
  for (let y = 0; y < NL; y++) sc[y] = ALLOWED[NL * NL + y] ? em[y] + trans[NL * NL + y] : -Infinity;
  // unrolled for the 9 labels; each candidate is compared as the plain loop over p = 0..8 would
  // (first maximum wins). O and B-X follow any label; I-X only B-X (y - 1) or I-X (y): see ALLOWED
  for (let t = 1; t < n; t++) {
    const b = t * NL, pb = b - NL;
    const s0 = sc[pb], s1 = sc[pb + 1], s2 = sc[pb + 2], s3 = sc[pb + 3], s4 = sc[pb + 4];
    const s5 = sc[pb + 5], s6 = sc[pb + 6], s7 = sc[pb + 7], s8 = sc[pb + 8];
    for (let y = 0; y < NL; y += y === 0 ? 1 : 2) {
      let best = -Infinity, arg = 0, s;
      s = s0 + trans[y]; if (s > best) { best = s; arg = 0; }
      s = s1 + trans[9 + y]; if (s > best) { best = s; arg = 1; }
      s = s2 + trans[18 + y]; if (s > best) { best = s; arg = 2; }
      s = s3 + trans[27 + y]; if (s > best) { best = s; arg = 3; }
      s = s4 + trans[36 + y]; if (s > best) { best = s; arg = 4; }
      s = s5 + trans[45 + y]; if (s > best) { best = s; arg = 5; }
      s = s6 + trans[54 + y]; if (s > best) { best = s; arg = 6; }
      s = s7 + trans[63 + y]; if (s > best) { best = s; arg = 7; }
      s = s8 + trans[72 + y]; if (s > best) { best = s; arg = 8; }
      sc[b + y] = best + em[b + y]; bk[b + y] = arg;
    }
    let best, arg, s;
    best = -Infinity; arg = 0;
    s = s1 + trans[11]; if (s > best) { best = s; arg = 1; }
    s = s2 + trans[20]; if (s > best) { best = s; arg = 2; }
    sc[b + 2] = best + em[b + 2]; bk[b + 2] = arg;
    best = -Infinity; arg = 0;
    s = s3 + trans[31]; if (s > best) { best = s; arg = 3; }
    s = s4 + trans[40]; if (s > best) { best = s; arg = 4; }
    sc[b + 4] = best + em[b + 4]; bk[b + 4] = arg;
    best = -Infinity; arg = 0;
    s = s5 + trans[51]; if (s > best) { best = s; arg = 5; }
    s = s6 + trans[60]; if (s > best) { best = s; arg = 6; }
    sc[b + 6] = best + em[b + 6]; bk[b + 6] = arg;
    best = -Infinity; arg = 0;
    s = s7 + trans[71]; if (s > best) { best = s; arg = 7; }
    s = s8 + trans[80]; if (s > best) { best = s; arg = 8; }
    sc[b + 8] = best + em[b + 8]; bk[b + 8] = arg;
  }
  let best = -Infinity, arg = 0;
  const lb = (n - 1) * NL;
  for (let y = 0; y < NL; y++) if (sc[lb + y] > best) { best = sc[lb + y]; arg = y; }
  for (let t = n - 1; t >= 0; t--) { out[t] = arg; arg = bk[t * NL + arg]; }
}
// the unrolled constraint in viterbi must be the one ALLOWED encodes
for (let p = 0; p < NL; p++) for (let y = 0; y < NL; y++) {
  const ok = y === 0 || (y & 1) === 1 || p === y - 1 || p === y;
  if (ok !== (ALLOWED[p * NL + y] === 1)) throw new Error('model.ts: viterbi assumes the O, B-X, I-X label layout');
}

const MAGIC = 'DOSSIER-NER\n';

function encodeStage(m: Model): { header: StageHeader; K: Uint32Array; W: Int16Array } {
  // keep only rows whose weights survive int16 quantisation with one global scale
  const { table, weights } = m;
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) { const v = Math.abs(weights[i]); if (v > maxAbs) maxAbs = v; }
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const keep: number[] = [];
  for (let i = 0; i < table.capacity; i++) {
    const k = table.keyAt(i); if (k === 0) continue;
    const r = table.rowAt(i);
    for (let y = 0; y < NL; y++) if (Math.round(weights[r * NL + y] / scale) !== 0) { keep.push(i); break; }
  }
  keep.sort((a, b) => table.keyAt(a) - table.keyAt(b)); // canonical order: same model, same bytes
  const K = new Uint32Array(keep.length), W = new Int16Array(keep.length * NL);
  keep.forEach((i, j) => {
    K[j] = table.keyAt(i);
    const r = table.rowAt(i);
    for (let y = 0; y < NL; y++) W[j * NL + y] = Math.round(weights[r * NL + y] / scale);
  });
  return { header: { rows: K.length, scale, trans: Array.from(m.trans) }, K, W };
}

export function encodeModel(m: NerModel): Buffer {
  const stages = m.stages.map(encodeStage);
  const header: FileHeader = { id: m.id, featureVersion: m.featureVersion, labels: LABELS, stages: stages.map((s) => s.header), meta: m.meta };
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4); len.writeUInt32LE(h.length);
  const parts: Buffer[] = [Buffer.from(MAGIC), len, h];
  const pad = (4 - ((MAGIC.length + 4 + h.length) % 4)) % 4; // align the typed arrays
  parts.push(Buffer.alloc(pad));
  for (const s of stages) parts.push(Buffer.from(s.K.buffer as ArrayBuffer), Buffer.from(s.W.buffer as ArrayBuffer));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

/** Load a model file; any problem is an Error naming the file. */
export function loadModel(path: string, expectVersion?: number): NerModel {
  let buf: Buffer;
  try { buf = readFileSync(path); } catch (e) {
    throw new Error(`NER model file ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run \`dossier train-ner\` to build it`);
  }
  const bad = (why: string) => new Error(`NER model file ${path} is corrupt or not a Dossier NER model: ${why}`);
  let raw: Buffer;
  try { raw = gunzipSync(buf); } catch (e) { throw bad(`not gzip data (${(e as Error).message})`); }
  if (raw.length < MAGIC.length + 4 || raw.subarray(0, MAGIC.length).toString() !== MAGIC) throw bad('bad magic header');
  let off = MAGIC.length;
  const hl = raw.readUInt32LE(off); off += 4;
  let header: FileHeader;
  try { header = JSON.parse(raw.subarray(off, off + hl).toString()); } catch { throw bad('unreadable JSON header'); }
  off += hl; off += (4 - (off % 4)) % 4;
  if (JSON.stringify(header.labels) !== JSON.stringify(LABELS)) throw bad('unexpected label set');
  if (!Array.isArray(header.stages) || !header.stages.length) throw bad('no stages');
  if (expectVersion !== undefined && header.featureVersion !== expectVersion) {
    throw new Error(`NER model file ${path} was trained with feature version ${header.featureVersion}, this build expects ${expectVersion}; retrain with \`dossier train-ner\``);
  }
  const need = header.stages.reduce((a, s) => a + s.rows * 4 + s.rows * NL * 2, off);
  if (raw.length !== need || header.stages.some((s) => s.trans?.length !== (NL + 1) * NL)) throw bad('truncated or wrong size');
  // the stages' keys and quantised weights go straight into the joint table (no per-stage tables)
  const K: Uint32Array[] = [], Q: Int16Array[] = [];
  for (const s of header.stages) {
    const n = s.rows, len = n * 4 + n * NL * 2;
    // viewed in place when 4-byte aligned (a stage with an odd row count leaves the next one misaligned), else copied
    const bytes = (raw.byteOffset + off) % 4 === 0 ? raw.subarray(off, off + len) : new Uint8Array(raw.subarray(off, off + len));
    const k = new Uint32Array(bytes.buffer, bytes.byteOffset, n);
    for (let i = 0; i < n; i++) if (k[i] === 0 || (i > 0 && k[i] <= k[i - 1])) throw bad('feature keys not in increasing order');
    K.push(k); Q.push(new Int16Array(bytes.buffer, bytes.byteOffset + n * 4, n * NL));
    off += len;
  }
  const jt = JointTable.fromSorted(K, Q, header.stages.map((s) => s.scale));
  return new NerModel(header.id, header.featureVersion, jt, header.meta ?? {}, header.stages.map((s) => Float32Array.from(s.trans)));
}
