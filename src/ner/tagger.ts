// Tagging documents with a loaded model: features → emissions → Viterbi, sentence by sentence.
import { extractDoc, FEATURE_VERSION } from './features.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { LABELS, loadModel, Model, NL, viterbi } from './model.js';
import { fileURLToPath } from 'node:url';

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../../models/ner-perceptron.bin.gz', import.meta.url));

let cached: { path: string; model: Model } | null = null;
/** The model at `path` (default: the shipped one), loaded once per process. */
export function getModel(path = DEFAULT_MODEL_PATH): Model {
  if (cached?.path === path) return cached.model;
  const model = loadModel(path, FEATURE_VERSION);
  cached = { path, model };
  return model;
}

let em = new Float32Array(1024);
let lab = new Uint8Array(128);

/** Label ids for every token of a document, sentence by sentence (same shape as `doc`). */
export function tagDocIds(model: Model, doc: string[][], gaz: Gazetteer = loadGazetteer()): Uint8Array[] {
  const f = extractDoc(doc, gaz);
  const out: Uint8Array[] = [];
  let t0 = 0;
  for (const s of doc) {
    const n = s.length;
    if (em.length < n * NL) em = new Float32Array(n * NL * 2);
    if (lab.length < n) lab = new Uint8Array(n * 2);
    model.emissions(f, t0, t0 + n, em);
    viterbi(em, n, model.trans, lab);
    out.push(lab.slice(0, n));
    t0 += n;
  }
  return out;
}

/** CoNLL IOB2 tags (PER/ORG/LOC/MISC) for every token of a document. */
export function tagDoc(model: Model, doc: string[][], gaz?: Gazetteer): string[][] {
  return tagDocIds(model, doc, gaz).map((ids) => Array.from(ids, (y) => LABELS[y]));
}
