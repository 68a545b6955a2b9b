// Tagging documents with a loaded model: features → emissions → Viterbi, sentence by sentence;
// a second stage, when the model has one, re-tags with the first stage's labels as evidence.
import { fileURLToPath } from 'node:url';
import { BOUNDARY, extractDoc, FEATURE_VERSION, stackFeatures, type DocFeatures } from './features.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { emissionsFrom, LABELS, loadModel, Model, NerModel, NL, viterbi, WORD_VEC, type JointTable, type SharedNerModel, type StageInput } from './model.js';

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../../models/ner-perceptron.bin.gz', import.meta.url));

let cached: { path: string; model: NerModel } | null = null;
/** The model at `path` (default: the shipped one), loaded once per thread (or given by useSharedModel). */
export function getModel(path = DEFAULT_MODEL_PATH): NerModel {
  if (cached?.path === path) return cached.model;
  const model = loadModel(path, FEATURE_VERSION);
  cached = { path, model };
  return model;
}
/** The default model, loaded here with its weights in shared memory, for worker threads. */
export function sharedDefaultModel(): SharedNerModel { return loadModel(DEFAULT_MODEL_PATH, FEATURE_VERSION).toShared(); }
/** Use a model another thread loaded (sharedDefaultModel) as this thread's default model. */
export function useSharedModel(m: SharedNerModel): void {
  cached = { path: DEFAULT_MODEL_PATH, model: NerModel.fromShared(m) };
}

let em = new Float32Array(1024);

/** Decode every sentence of a document with one stage (its transitions and input); label ids for all tokens. */
function decodeWith(trans: Float32Array, f: DocFeatures, inp: StageInput): Uint8Array {
  const out = new Uint8Array(f.nTokens);
  for (let si = 0; si < f.sentStart.length; si++) {
    const a = f.sentStart[si], b = f.sentEnd[si], n = b - a;
    if (em.length < n * NL) em = new Float32Array(n * NL * 2);
    emissionsFrom(f, si, em, inp);
    viterbi(em, n, trans, out.subarray(a, b));
  }
  return out;
}

/** The second stage's extra features from the first stage's labels, with their rows (in the stage's table, or stage `st` of the joint table). */
function withPrior(inp: StageInput, stage: Model | JointTable, f: DocFeatures, prior: Uint8Array, st = 0): StageInput {
  const x = stackFeatures(f, prior, !(stage instanceof Model));
  let xrows: Int32Array;
  if (!(stage instanceof Model)) {
    const jt = stage;
    if (xrowBuf.length < x.keys.length) xrowBuf = new Int32Array(x.keys.length * 2);
    xrows = xrowBuf;
    jt.lookupStage(x.keys, st, xrows);
  } else {
    xrows = new Int32Array(x.keys.length);
    stage.rowsOf(x.keys, xrows);
  }
  return { ...inp, xoffs: x.offs, xrows, xOff: 0 };
}

/** Decode every sentence of a document with one stage (stage 2 given stage 1's labels); label ids for all tokens. */
export function decodeStage(stage: Model, f: DocFeatures, prior?: Uint8Array): Uint8Array {
  const rows = new Int32Array(f.keys.length);
  stage.rowsOf(f.keys, rows);
  let inp: StageInput = { rows, stride: 1, off: 0, w: stage.weights, wStride: NL, wOff: 0, vecs: f.sigs.map((g) => stage.wordVector(g)), voff: 0, bv: stage.wordVector(BOUNDARY), xOff: 0 };
  if (prior) inp = withPrior(inp, stage, f, prior);
  return decodeWith(stage.trans, f, inp);
}

let jrows = new Int32Array(4096), xrowBuf = new Int32Array(4096);

/** Label ids for every token of a document, per sentence (same shape as `doc`). */
export function tagDocIds(model: NerModel, doc: string[][], gaz: Gazetteer = loadGazetteer()): Uint8Array[] {
  const f = extractDoc(doc, gaz, { reuse: true }); // shared by the stages; not kept past this call
  // the context keys and word types are the same for every stage: look each up once for all stages
  const jt = model.joint(), S = jt.stages, nk = f.keys.length;
  if (jrows.length < nk * S) jrows = new Int32Array(nk * S * 2);
  jt.lookup(f.keys, nk, jrows);
  // (per call: a kept array would keep earlier documents' word vectors, and the blocks they are cut from, alive)
  const vecs: Float32Array[] = new Array(f.nTokens);
  for (let t = 0; t < f.nTokens; t++) vecs[t] = model.wordVectors(f.sigs[t]);
  const bv = model.wordVectors(BOUNDARY);
  const stage = (k: number): StageInput => ({ rows: jrows, stride: S, off: k, w: jt.weights, wStride: S * NL, wOff: k * NL, vecs, voff: k * WORD_VEC, bv, xOff: 0 });
  let ids = decodeWith(model.trans[0], f, stage(0));
  for (let k = 1; k < S; k++) ids = decodeWith(model.trans[k], f, withPrior(stage(k), jt, f, ids, k));
  const out: Uint8Array[] = [];
  let t = 0;
  for (const s of doc) { out.push(ids.subarray(t, t + s.length)); t += s.length; }
  return out;
}

/** CoNLL IOB2 tags (PER/ORG/LOC/MISC) for every token of a document. */
export function tagDoc(model: NerModel, doc: string[][], gaz?: Gazetteer): string[][] {
  return tagDocIds(model, doc, gaz).map((ids) => Array.from(ids, (y) => LABELS[y]));
}
