// Tagging documents with a loaded model: features → emissions → Viterbi, sentence by sentence;
// a second stage, when the model has one, re-tags with the first stage's labels as evidence.
import { fileURLToPath } from 'node:url';
import { extractDoc, FEATURE_VERSION, stackFeatures, type DocFeatures } from './features.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { LABELS, loadModel, Model, NerModel, NL, viterbi } from './model.js';

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../../models/ner-perceptron.bin.gz', import.meta.url));

let cached: { path: string; model: NerModel } | null = null;
/** The model at `path` (default: the shipped one), loaded once per process. */
export function getModel(path = DEFAULT_MODEL_PATH): NerModel {
  if (cached?.path === path) return cached.model;
  const model = loadModel(path, FEATURE_VERSION);
  cached = { path, model };
  return model;
}

let em = new Float32Array(1024);

/**
 * Decode every sentence of a document with one stage, given the rows of its context keys
 * (rows[j * stride + off] for f.keys[j]) and, for a second stage, the first stage's labels.
 */
function decodeRows(stage: Model, f: DocFeatures, rows: Int32Array, stride: number, off: number, prior?: Uint8Array): Uint8Array {
  let xoffs: Int32Array | undefined, xrows: Int32Array | undefined;
  if (prior) {
    const x = stackFeatures(f, prior);
    xoffs = x.offs; xrows = new Int32Array(x.keys.length);
    stage.rowsOf(x.keys, xrows);
  }
  const out = new Uint8Array(f.nTokens);
  for (let si = 0; si < f.sentStart.length; si++) {
    const a = f.sentStart[si], b = f.sentEnd[si], n = b - a;
    if (em.length < n * NL) em = new Float32Array(n * NL * 2);
    stage.emissionsFromRows(f, si, em, rows, stride, off, xoffs, xrows);
    viterbi(em, n, stage.trans, out.subarray(a, b));
  }
  return out;
}

/** Decode every sentence of a document with one stage (stage 2 given stage 1's labels); label ids for all tokens. */
export function decodeStage(stage: Model, f: DocFeatures, prior?: Uint8Array): Uint8Array {
  const rows = new Int32Array(f.keys.length);
  stage.rowsOf(f.keys, rows);
  return decodeRows(stage, f, rows, 1, 0, prior);
}

let jrows = new Int32Array(4096);

/** Label ids for every token of a document, per sentence (same shape as `doc`). */
export function tagDocIds(model: NerModel, doc: string[][], gaz: Gazetteer = loadGazetteer()): Uint8Array[] {
  const f = extractDoc(doc, gaz); // shared by the stages
  // the context keys are the same for every stage: look each up once for all stages
  const jt = model.joint(), S = jt.stages, nk = f.keys.length;
  if (jrows.length < nk * S) jrows = new Int32Array(nk * S * 2);
  jt.lookup(f.keys, nk, jrows);
  let ids = decodeRows(model.stages[0], f, jrows, S, 0);
  for (let k = 1; k < S; k++) ids = decodeRows(model.stages[k], f, jrows, S, k, ids);
  const out: Uint8Array[] = [];
  let t = 0;
  for (const s of doc) { out.push(ids.subarray(t, t + s.length)); t += s.length; }
  return out;
}

/** CoNLL IOB2 tags (PER/ORG/LOC/MISC) for every token of a document. */
export function tagDoc(model: NerModel, doc: string[][], gaz?: Gazetteer): string[][] {
  return tagDocIds(model, doc, gaz).map((ids) => Array.from(ids, (y) => LABELS[y]));
}
