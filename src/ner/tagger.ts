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

/** Decode every sentence of a document with one stage (stage 2 given stage 1's labels); label ids for all tokens. */
export function decodeStage(stage: Model, f: DocFeatures, prior?: Uint8Array): Uint8Array {
  const extra = prior ? stackFeatures(f, prior) : undefined;
  const out = new Uint8Array(f.nTokens);
  for (let si = 0; si < f.sentStart.length; si++) {
    const a = f.sentStart[si], b = f.sentEnd[si], n = b - a;
    if (em.length < n * NL) em = new Float32Array(n * NL * 2);
    stage.emissions(f, si, em, extra);
    viterbi(em, n, stage.trans, out.subarray(a, b));
  }
  return out;
}

/** Label ids for every token of a document, per sentence (same shape as `doc`). */
export function tagDocIds(model: NerModel, doc: string[][], gaz: Gazetteer = loadGazetteer()): Uint8Array[] {
  const f = extractDoc(doc, gaz); // shared by the stages
  let ids = decodeStage(model.stages[0], f);
  for (let k = 1; k < model.stages.length; k++) ids = decodeStage(model.stages[k], f, ids);
  const out: Uint8Array[] = [];
  let t = 0;
  for (const s of doc) { out.push(ids.subarray(t, t + s.length)); t += s.length; }
  return out;
}

/** CoNLL IOB2 tags (PER/ORG/LOC/MISC) for every token of a document. */
export function tagDoc(model: NerModel, doc: string[][], gaz?: Gazetteer): string[][] {
  return tagDocIds(model, doc, gaz).map((ids) => Array.from(ids, (y) => LABELS[y]));
}
