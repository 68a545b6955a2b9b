// `npm run eval:ner [-- FILE] [--model FILE]`: entity-level P/R/F1 (exact span and type, as
// conlleval) of the NER model on a CoNLL file, by default the CoNLL-2003 validation split.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatScores, readConll, score } from '../src/ner/conll.js';
import { loadGazetteer } from '../src/ner/gazetteer.js';
import { DEFAULT_MODEL_PATH, getModel, tagDoc } from '../src/ner/tagger.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
let file = resolve(ROOT, '../shared/data/ner/conll2003/valid.txt');
let modelPath = DEFAULT_MODEL_PATH;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--model') modelPath = resolve(args[++i]);
  else if (args[i] === '--data') file = resolve(args[++i]);
  else file = resolve(args[i]);
}

const docs = readConll(file);
const model = getModel(modelPath);
const gaz = loadGazetteer();
const gold: string[][] = [], pred: string[][] = [];
const t0 = performance.now();
for (const d of docs) {
  const tags = tagDoc(model, d.sentences.map((s) => s.tokens), gaz);
  d.sentences.forEach((s, k) => { gold.push(s.tags.map((x) => x ?? 'O')); pred.push(tags[k]); });
}
const ms = performance.now() - t0;
const s = score(gold, pred);
console.log(`NER ${model.id} on ${file}`);
console.log(formatScores(s));
console.log(`tagged ${s.tokens} tokens in ${ms.toFixed(0)} ms (${Math.round(s.tokens / (ms / 1000))} tokens/s, first pass includes warm-up)`);
