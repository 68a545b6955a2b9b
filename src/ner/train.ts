// Averaged structured perceptron over BIO tags (Collins 2002), with Viterbi decoding, in two
// stages: stage 2 sees stage 1's labels across the document (the same word tagged elsewhere),
// learned from jackknifed stage-1 output so it does not learn to trust an over-fitted stage 1.
// Deterministic: sentence order comes from a seeded PRNG, so the same data gives the same model.
import { extractDoc, FEATURE_VERSION, mergeFeatures, stackFeatures } from './features.js';
import type { Gazetteer } from './gazetteer.js';
import { KeyTable } from './hash.js';
import { LABEL_ID, Model, NerModel, NL, viterbi } from './model.js';
import { score, type ConllDoc } from './conll.js';
import { decodeStage, tagDoc } from './tagger.js';

export interface TrainOptions {
  id?: string;
  epochs?: number;
  seed?: number;
  /** 1: local features only; 2: add the document-consistency stage (default) */
  stages?: 1 | 2;
  /** folds for the jackknifed stage-1 labels that stage 2 trains on */
  folds?: number;
  dev?: ConllDoc[];
  log?: (msg: string) => void;
}

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tokensOf = (d: ConllDoc) => d.sentences.map((s) => s.tokens);

/** Dev-set F1 of a (partial) model, for progress logs. */
export function devF1(model: NerModel, dev: ConllDoc[], gaz: Gazetteer): number {
  const gold: string[][] = [], pred: string[][] = [];
  for (const d of dev) {
    const tags = tagDoc(model, tokensOf(d), gaz);
    d.sentences.forEach((s, k) => { gold.push(s.tags.map((x) => x ?? 'O')); pred.push(tags[k]); });
  }
  return score(gold, pred).overall.f1;
}

interface StageOptions { epochs: number; seed: number; priors?: Uint8Array[]; onEpoch?: (ep: number, errs: number, m: () => Model) => void }

/** Train one stage on documents (with stage-1 label ids per document for stage 2). */
export function trainStage(docs: ConllDoc[], gaz: Gazetteer, opts: StageOptions): Model {
  // features → rows, once (they don't depend on the weights)
  const table = new KeyTable(1 << 20);
  const feats = docs.map((d, i) => {
    const f = extractDoc(tokensOf(d), gaz, { full: true });
    const prior = opts.priors?.[i];
    return prior ? mergeFeatures(f, stackFeatures(f, prior)) : f;
  });
  const rowsOf = feats.map((f) => Int32Array.from(f.keys, (k) => table.add(k)));
  const nRows = table.size;

  const sents: { d: number; si: number; t0: number; n: number; gold: Uint8Array }[] = [];
  docs.forEach((doc, d) => doc.sentences.forEach((s, si) => {
    const gold = Uint8Array.from(s.tags, (tag) => {
      const y = LABEL_ID[tag ?? ''];
      if (y === undefined) throw new Error(`training data: unknown tag ${JSON.stringify(tag)}`);
      return y;
    });
    sents.push({ d, si, t0: feats[d].sentStart[si], n: s.tokens.length, gold });
  }));

  // lazy averaging: avg = w - u / c
  const w = new Float32Array(nRows * NL), u = new Float64Array(nRows * NL);
  const tw = new Float32Array((NL + 1) * NL), tu = new Float64Array((NL + 1) * NL);
  let c = 1;
  const rand = mulberry32(opts.seed);
  const order = sents.map((_, i) => i);
  let em = new Float32Array(256 * NL), pred = new Uint8Array(256);
  const averaged = () => {
    const aw = new Float32Array(nRows * NL), at = new Float32Array(tw.length);
    for (let i = 0; i < aw.length; i++) aw[i] = w[i] - u[i] / c;
    for (let i = 0; i < at.length; i++) at[i] = tw[i] - tu[i] / c;
    return new Model(table, aw, at);
  };

  for (let ep = 1; ep <= opts.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let errs = 0;
    for (const oi of order) {
      const s = sents[oi], offs = feats[s.d].offs, rows = rowsOf[s.d];
      if (em.length < s.n * NL) { em = new Float32Array(s.n * NL * 2); pred = new Uint8Array(s.n * 2); }
      em.fill(0, 0, s.n * NL);
      for (let t = 0; t < s.n; t++) {
        const b = t * NL;
        for (let j = offs[s.t0 + t], e = offs[s.t0 + t + 1]; j < e; j++) {
          const o = rows[j] * NL;
          for (let y = 0; y < NL; y++) em[b + y] += w[o + y];
        }
      }
      viterbi(em, s.n, tw, pred);
      for (let t = 0; t < s.n; t++) {
        const g = s.gold[t], p = pred[t];
        const gp = t ? s.gold[t - 1] : NL, pp = t ? pred[t - 1] : NL;
        if (g !== p) {
          errs++;
          for (let j = offs[s.t0 + t], e = offs[s.t0 + t + 1]; j < e; j++) {
            const o = rows[j] * NL;
            w[o + g] += 1; u[o + g] += c;
            w[o + p] -= 1; u[o + p] -= c;
          }
        }
        if (g !== p || gp !== pp) {
          tw[gp * NL + g] += 1; tu[gp * NL + g] += c;
          tw[pp * NL + p] -= 1; tu[pp * NL + p] -= c;
        }
      }
      c++;
    }
    opts.onEpoch?.(ep, errs, averaged);
  }
  return averaged();
}

export function trainModel(docs: ConllDoc[], gaz: Gazetteer, opts: TrainOptions = {}): NerModel {
  const log = opts.log ?? (() => {});
  const epochs = opts.epochs ?? 12, seed = opts.seed ?? 20030, stages = opts.stages ?? 2, folds = opts.folds ?? 5;
  const id = opts.id ?? 'perceptron';
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(0) + 's';
  const progress = (name: string, before: Model[]) => (ep: number, errs: number, m: () => Model) => {
    let msg = `${name} epoch ${ep}: ${errs} token errors; ${secs()}`;
    if (opts.dev && (ep === epochs || ep % 4 === 0)) msg += `; dev F1 ${(100 * devF1(new NerModel(id, FEATURE_VERSION, [...before, m()]), opts.dev, gaz)).toFixed(2)}`;
    log(msg);
  };

  const s1 = trainStage(docs, gaz, { epochs, seed, onEpoch: progress('stage 1', []) });
  if (stages === 1) return new NerModel(id, FEATURE_VERSION, [s1]);

  // jackknife: each fold's stage-1 labels come from a model that did not see that fold
  const priors: Uint8Array[] = new Array(docs.length);
  for (let k = 0; k < folds; k++) {
    const held = docs.map((_, i) => i).filter((i) => i % folds === k);
    const rest = docs.filter((_, i) => i % folds !== k);
    const m = trainStage(rest, gaz, { epochs, seed: seed + k + 1 });
    for (const i of held) priors[i] = decodeStage(m, extractDoc(tokensOf(docs[i]), gaz));
    log(`stage 1 fold ${k + 1}/${folds} done; ${secs()}`);
  }
  const s2 = trainStage(docs, gaz, { epochs, seed: seed + 100, priors, onEpoch: progress('stage 2', [s1]) });
  return new NerModel(id, FEATURE_VERSION, [s1, s2]);
}
