// NER benchmark on the CoNLL-2003 validation split: our tagger vs compromise (people/places/
// organizations), both speeds (tokens/s on one core) and both entity-level F1s, with ratios.
// Our speed excludes tokenisation (tokens are given); compromise tokenises its own input, which
// is part of its figure (it has no way to take tokens).
//
//   node dist/bench/ner.js [VALID_FILE] [--rounds N]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlpCompromise from 'compromise';
import { chunks, formatScores, readConll, score } from '../src/ner/conll.js';
import { loadGazetteer } from '../src/ner/gazetteer.js';
import { getModel, tagDoc, tagDocIds } from '../src/ner/tagger.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const ri = args.indexOf('--rounds');
const rounds = ri >= 0 ? Number(args[ri + 1]) : 5;
const file = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds') ?? resolve(root, '../shared/data/ner/conll2003/valid.txt'));

const docs = readConll(file).map((d) => ({ sents: d.sentences.map((s) => s.tokens), gold: d.sentences.map((s) => s.tags.map((t) => t ?? 'O')) }));
const nTokens = docs.reduce((a, d) => a + d.sents.reduce((b, s) => b + s.length, 0), 0);
const gold = docs.flatMap((d) => d.gold);

// ---- ours
const model = getModel();
const gaz = loadGazetteer();
const ours = docs.flatMap((d) => tagDoc(model, d.sents, gaz)); // also the warm-up
let best = Infinity;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  for (const d of docs) tagDocIds(model, d.sents, gaz);
  best = Math.min(best, performance.now() - t0);
}
const oursSpeed = nTokens / (best / 1000);
const oursScore = score(gold, ours);

// ---- compromise: one text per document, tokens joined by spaces, a line per sentence
const texts = docs.map((d) => {
  const starts: number[][] = [];
  let pos = 0;
  const lines = d.sents.map((s) => {
    const st: number[] = [];
    for (const t of s) { st.push(pos); pos += t.length + 1; }
    starts.push(st);
    return s.join(' ');
  });
  return { text: lines.join('\n'), starts };
});
function runCompromise(text: string) {
  const doc = nlpCompromise(text);
  const get = (v: any, type: string) => (v.json({ offset: true }) as any[]).map((m) => ({ start: m.offset.start, end: m.offset.start + m.offset.length, type }));
  return [...get(doc.people(), 'PER'), ...get(doc.places(), 'LOC'), ...get(doc.organizations(), 'ORG')];
}
const theirs: string[][] = [];
docs.forEach((d, k) => {
  const tags = d.sents.map((s) => s.map(() => 'O'));
  for (const m of runCompromise(texts[k].text)) {
    // tokens the match covers, trimmed of punctuation compromise keeps attached
    d.sents.forEach((s, si) => {
      const st = texts[k].starts[si];
      const cover: number[] = [];
      s.forEach((tok, ti) => { if (st[ti] < m.end && st[ti] + tok.length > m.start && /[\p{L}\p{N}]/u.test(tok)) cover.push(ti); });
      if (!cover.length) return;
      const a = cover[0], b = cover[cover.length - 1];
      if (tags[si].slice(a, b + 1).some((t) => t !== 'O')) return; // first type wins on overlap
      for (let ti = a; ti <= b; ti++) tags[si][ti] = (ti === a ? 'B-' : 'I-') + m.type;
    });
  }
  theirs.push(...tags);
});
let bestC = Infinity;
for (let r = 0; r < Math.max(1, Math.min(rounds, 2)); r++) {
  const t0 = performance.now();
  for (const t of texts) runCompromise(t.text);
  bestC = Math.min(bestC, performance.now() - t0);
}
const theirSpeed = nTokens / (bestC / 1000);
const theirScore = score(gold, theirs);
// chunks() is what score() uses; exported here only so the import is not unused in builds that prune
void chunks;

console.log(`CoNLL-2003 validation: ${file} (${docs.length} documents, ${nTokens} tokens)\n`);
console.log(`dossier NER (${model.id}): best of ${rounds} rounds`);
console.log(formatScores(oursScore));
console.log(`\ncompromise people()/places()/organizations() (no MISC class):`);
console.log(formatScores(theirScore));
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : 'n/a');
console.log(`\n${''.padEnd(12)}${'tokens/s'.padStart(12)}${'F1'.padStart(8)}${'F1 PER/ORG/LOC'.padStart(18)}`);
const sub = (s: typeof oursScore) => ['PER', 'ORG', 'LOC'].map((t) => (100 * (s.byType[t]?.f1 ?? 0)).toFixed(1)).join('/');
console.log(`${'dossier'.padEnd(12)}${Math.round(oursSpeed).toString().padStart(12)}${(100 * oursScore.overall.f1).toFixed(2).padStart(8)}${sub(oursScore).padStart(18)}`);
console.log(`${'compromise'.padEnd(12)}${Math.round(theirSpeed).toString().padStart(12)}${(100 * theirScore.overall.f1).toFixed(2).padStart(8)}${sub(theirScore).padStart(18)}`);
console.log(`${'ratio'.padEnd(12)}${ratio(oursSpeed, theirSpeed).padStart(12)}${ratio(oursScore.overall.f1, theirScore.overall.f1).padStart(8)}`);
