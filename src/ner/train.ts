// Averaged structured perceptron over BIO tags (Collins 2002), with Viterbi decoding. Deterministic:
// sentence order comes from a seeded PRNG, so the same data gives the same model byte for byte.
import { extractDoc, FEATURE_VERSION } from './features.js';
import type { Gazetteer } from './gazetteer.js';
import { KeyTable } from './hash.js';
import { LABEL_ID, LABELS, Model, NL, viterbi } from './model.js';
import { score, type ConllDoc } from './conll.js';
import { tagDoc } from './tagger.js';

export interface TrainOptions {
  id?: string;
  epochs?: number;
  seed?: number;
  /** features seen fewer times than this in training are dropped (smaller, less over-fitted model) */
  minCount?: number;
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

export function trainModel(docs: ConllDoc[], gaz: Gazetteer, opts: TrainOptions = {}): Model {
  const log = opts.log ?? (() => {});
  const epochs = opts.epochs ?? 12, minCount = opts.minCount ?? 1;
  const t0 = performance.now();

  // 1. features → rows, once (features don't depend on the weights)
  const counts = new KeyTable(1 << 20);
  let cnt = new Int32Array(1 << 20);
  const docFeats = docs.map((d) => extractDoc(d.sentences.map((s) => s.tokens), gaz));
  for (const f of docFeats) for (let j = 0; j < f.keys.length; j++) {
    const r = counts.add(f.keys[j]);
    if (r >= cnt.length) { const b = new Int32Array(cnt.length * 2); b.set(cnt); cnt = b; }
    cnt[r]++;
  }
  const table = new KeyTable(counts.size);
  const rowsOf: Int32Array[] = docFeats.map((f) => {
    const rows = new Int32Array(f.keys.length);
    for (let j = 0; j < f.keys.length; j++) rows[j] = cnt[counts.get(f.keys[j])] >= minCount ? table.add(f.keys[j]) : -1;
    return rows;
  });
  const nRows = table.size;
  log(`features: ${counts.size} distinct, ${nRows} kept (min count ${minCount}); ${(performance.now() - t0) / 1000 | 0}s`);

  // sentences as (doc, first token, length, gold ids)
  const sents: { d: number; t0: number; n: number; gold: Uint8Array }[] = [];
  docs.forEach((doc, d) => {
    let t = 0;
    for (const s of doc.sentences) {
      const gold = Uint8Array.from(s.tags, (tag) => {
        const y = LABEL_ID[tag ?? ''];
        if (y === undefined) throw new Error(`training data: unknown tag ${JSON.stringify(tag)}`);
        return y;
      });
      sents.push({ d, t0: t, n: s.tokens.length, gold });
      t += s.tokens.length;
    }
  });

  // 2. perceptron with the lazy-averaging trick: avg = w - u / c
  const w = new Float32Array(nRows * NL), u = new Float64Array(nRows * NL);
  const tw = new Float32Array((NL + 1) * NL), tu = new Float64Array((NL + 1) * NL);
  let c = 1;
  const rand = mulberry32(opts.seed ?? 20030);
  const order = sents.map((_, i) => i);
  let em = new Float32Array(256 * NL), pred = new Uint8Array(256);
  const upd = (row: number, y: number, v: number) => { w[row * NL + y] += v; u[row * NL + y] += c * v; };
  const averaged = () => {
    const aw = new Float32Array(nRows * NL), at = new Float32Array(tw.length);
    for (let i = 0; i < aw.length; i++) aw[i] = w[i] - u[i] / c;
    for (let i = 0; i < at.length; i++) at[i] = tw[i] - tu[i] / c;
    return new Model(opts.id ?? 'perceptron', FEATURE_VERSION, table, aw, at);
  };

  for (let ep = 1; ep <= epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let errs = 0;
    for (const si of order) {
      const s = sents[si], f = docFeats[s.d], rows = rowsOf[s.d];
      if (em.length < s.n * NL) { em = new Float32Array(s.n * NL * 2); pred = new Uint8Array(s.n * 2); }
      em.fill(0, 0, s.n * NL);
      for (let t = 0; t < s.n; t++) {
        const b = t * NL;
        for (let j = f.offs[s.t0 + t], e = f.offs[s.t0 + t + 1]; j < e; j++) {
          const r = rows[j]; if (r < 0) continue;
          const o = r * NL;
          for (let y = 0; y < NL; y++) em[b + y] += w[o + y];
        }
      }
      viterbi(em, s.n, tw, pred);
      let wrong = false;
      for (let t = 0; t < s.n; t++) {
        const g = s.gold[t], p = pred[t];
        const gp = t ? s.gold[t - 1] : NL, pp = t ? pred[t - 1] : NL;
        if (g !== p) {
          wrong = true; errs++;
          for (let j = f.offs[s.t0 + t], e = f.offs[s.t0 + t + 1]; j < e; j++) {
            const r = rows[j]; if (r < 0) continue;
            upd(r, g, 1); upd(r, p, -1);
          }
        }
        if (g !== p || gp !== pp) {
          tw[gp * NL + g] += 1; tu[gp * NL + g] += c;
          tw[pp * NL + p] -= 1; tu[pp * NL + p] -= c;
        }
      }
      void wrong;
      c++;
    }
    let msg = `epoch ${ep}: ${errs} token errors; ${((performance.now() - t0) / 1000).toFixed(0)}s`;
    if (opts.dev) {
      const m = averaged();
      const gold: string[][] = [], pr: string[][] = [];
      for (const d of opts.dev) {
        const tags = tagDoc(m, d.sentences.map((s) => s.tokens), gaz);
        d.sentences.forEach((s, k) => { gold.push(s.tags.map((x) => x ?? 'O')); pr.push(tags[k]); });
      }
      const sc = score(gold, pr);
      msg += `; dev F1 ${(100 * sc.overall.f1).toFixed(2)}`;
    }
    log(msg);
  }
  return averaged();
}

export { LABELS };
