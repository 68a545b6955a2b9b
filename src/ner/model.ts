// The tagger's model: per-feature label weights, label transitions, Viterbi decoding, and the
// binary file format (gzip of: magic, JSON header, uint32 keys, int16 quantised weights).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KeyTable } from './hash.js';
import type { DocFeatures } from './features.js';

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

export interface ModelHeader { id: string; featureVersion: number; labels: readonly string[]; rows: number; scale: number; trans: number[]; meta?: Record<string, unknown> }

export class Model {
  constructor(
    readonly id: string,
    readonly featureVersion: number,
    readonly table: KeyTable,
    /** weights[row * NL + label] */
    readonly weights: Float32Array,
    /** trans[prev * NL + cur], prev = NL for the sentence start */
    readonly trans: Float32Array,
    readonly meta: Record<string, unknown> = {},
  ) {}

  /** Emission scores for tokens [t0, t1) of a document into em[(t - t0) * NL + y]. */
  emissions(f: DocFeatures, t0: number, t1: number, em: Float32Array): void {
    const { keys, offs } = f, table = this.table, w = this.weights;
    em.fill(0, 0, (t1 - t0) * NL);
    for (let t = t0; t < t1; t++) {
      const base = (t - t0) * NL;
      for (let j = offs[t], e = offs[t + 1]; j < e; j++) {
        const r = table.get(keys[j]);
        if (r < 0) continue;
        const o = r * NL;
        for (let y = 0; y < NL; y++) em[base + y] += w[o + y];
      }
    }
  }

  save(path: string): void { writeFileSync(path, encodeModel(this)); }
}

let vScore = new Float32Array(0), vBack = new Int8Array(0);
/** Best label sequence for n tokens given emissions em (n × NL) and transitions; writes into out. */
export function viterbi(em: Float32Array, n: number, trans: Float32Array, out: Uint8Array): void {
  if (n === 0) return;
  if (vScore.length < n * NL) { vScore = new Float32Array(n * NL * 2); vBack = new Int8Array(n * NL * 2); }
  const sc = vScore, bk = vBack;
  for (let y = 0; y < NL; y++) sc[y] = ALLOWED[NL * NL + y] ? em[y] + trans[NL * NL + y] : -Infinity;
  for (let t = 1; t < n; t++) {
    const b = t * NL, pb = b - NL;
    for (let y = 0; y < NL; y++) {
      let best = -Infinity, arg = 0;
      for (let p = 0; p < NL; p++) {
        if (!ALLOWED[p * NL + y]) continue;
        const s = sc[pb + p] + trans[p * NL + y];
        if (s > best) { best = s; arg = p; }
      }
      sc[b + y] = best + em[b + y]; bk[b + y] = arg;
    }
  }
  let best = -Infinity, arg = 0;
  const lb = (n - 1) * NL;
  for (let y = 0; y < NL; y++) if (sc[lb + y] > best) { best = sc[lb + y]; arg = y; }
  for (let t = n - 1; t >= 0; t--) { out[t] = arg; arg = bk[t * NL + arg]; }
}

const MAGIC = 'DOSSIER-NER\n';

export function encodeModel(m: Model): Buffer {
  // keep only rows that carry any weight; quantise to int16 with one global scale
  const { table, weights } = m;
  const keys: number[] = [], rows: number[] = [];
  let maxAbs = 0;
  for (let i = 0; i < table.keys.length; i++) {
    const k = table.keys[i]; if (k === 0) continue;
    const r = table.rows[i];
    let any = false;
    for (let y = 0; y < NL; y++) { const v = Math.abs(weights[r * NL + y]); if (v > 0) any = true; if (v > maxAbs) maxAbs = v; }
    if (any) { keys.push(k); rows.push(r); }
  }
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  // drop rows that quantise to all zeros
  const keep: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    let nz = false;
    for (let y = 0; y < NL && !nz; y++) if (Math.round(weights[rows[i] * NL + y] / scale) !== 0) nz = true;
    if (nz) keep.push(i);
  }
  const K = new Uint32Array(keep.length), W = new Int16Array(keep.length * NL);
  keep.forEach((i, j) => { K[j] = keys[i]; for (let y = 0; y < NL; y++) W[j * NL + y] = Math.round(weights[rows[i] * NL + y] / scale); });
  const header: ModelHeader = { id: m.id, featureVersion: m.featureVersion, labels: LABELS, rows: K.length, scale, trans: Array.from(m.trans), meta: m.meta };
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4); len.writeUInt32LE(h.length);
  let body = Buffer.concat([Buffer.from(MAGIC), len, h]);
  const pad = (4 - (body.length % 4)) % 4; // align the typed arrays
  body = Buffer.concat([body, Buffer.alloc(pad), Buffer.from(K.buffer), Buffer.from(W.buffer)]);
  return gzipSync(body, { level: 9 });
}

/** Load a model file; any problem is an Error naming the file. */
export function loadModel(path: string, expectVersion?: number): Model {
  let buf: Buffer;
  try { buf = readFileSync(path); } catch (e) {
    throw new Error(`NER model file ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run \`dossier train-ner\` to build it`);
  }
  const bad = (why: string) => new Error(`NER model file ${path} is corrupt or not a Dossier NER model: ${why}`);
  let raw: Buffer;
  try { raw = gunzipSync(buf); } catch (e) { throw bad(`not gzip data (${(e as Error).message})`); }
  if (raw.subarray(0, MAGIC.length).toString() !== MAGIC) throw bad('bad magic header');
  let off = MAGIC.length;
  const hl = raw.readUInt32LE(off); off += 4;
  let header: ModelHeader;
  try { header = JSON.parse(raw.subarray(off, off + hl).toString()); } catch { throw bad('unreadable JSON header'); }
  off += hl; off += (4 - (off % 4)) % 4;
  if (JSON.stringify(header.labels) !== JSON.stringify(LABELS)) throw bad('unexpected label set');
  if (expectVersion !== undefined && header.featureVersion !== expectVersion) {
    throw new Error(`NER model file ${path} was trained with feature version ${header.featureVersion}, this build expects ${expectVersion}; retrain with \`dossier train-ner\``);
  }
  const n = header.rows;
  if (raw.length !== off + n * 4 + n * NL * 2 || header.trans?.length !== (NL + 1) * NL) throw bad('truncated or wrong size');
  const copy = new Uint8Array(raw.subarray(off)); // aligned copy
  const K = new Uint32Array(copy.buffer, 0, n);
  const Q = new Int16Array(copy.buffer, n * 4, n * NL);
  const table = new KeyTable(n);
  const W = new Float32Array(n * NL);
  for (let i = 0; i < n; i++) table.set(K[i], i);
  for (let j = 0; j < Q.length; j++) W[j] = Q[j] * header.scale;
  return new Model(header.id, header.featureVersion, table, W, Float32Array.from(header.trans), header.meta ?? {});
}
