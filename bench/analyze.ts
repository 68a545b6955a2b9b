// Throughput of `dossier analyze` over a folder of articles, side by side with peers on the same texts:
// wink-nlp alone (tokens, sentences, POS: the floor our pipeline builds on) and compromise
// (people/places/organizations). Prints articles/s, tokens/s, peak RSS and ratios.
//
//   node dist/bench/analyze.js [DIR] [--rounds N]
// DIR defaults to ../shared/data/extraction/html (60 real news pages) plus examples/.
import '../src/queue/v8flags.js'; // the same V8 tuning as the CLI and the ingest workers
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import nlpCompromise from 'compromise';
import { decodeBytes } from '../src/ingest/index.js';
import { analyzeDocument } from '../src/record/index.js';
import type { RawDocument } from '../src/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const dirArg = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');

function listFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.(txt|html?)$/i.test(f)).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}
const dirs = dirArg ? [resolve(dirArg)] : [resolve(root, '../shared/data/extraction/html'), resolve(root, 'examples')].filter(existsSync);
const docs: RawDocument[] = [];
for (const d of dirs) for (const f of listFiles(d)) {
  try { docs.push(decodeBytes(readFileSync(f), f)); } catch (e) { console.error(`skip ${f}: ${(e as Error).message}`); }
}
if (!docs.length) { console.error('no articles found'); process.exit(2); }

// The peers get the cleaned body text, so every tool sees the same words.
const cleanTexts: string[] = [];
let tokens = 0, failed = 0;
analyzeDocument(docs[0]); // warm-up: model loads
const t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const d of docs) {
    try {
      const rec = analyzeDocument(d);
      if (r === 0) { cleanTexts.push(rec.document.text); tokens += rec.document.text.split(/\s+/).filter(Boolean).length; }
    } catch { if (r === 0) failed++; }
  }
}
const ours = (performance.now() - t0) / 1000;
const rssOurs = process.resourceUsage().maxRSS / 1024;

const wink = winkNLP(model);
const t1 = performance.now();
for (let r = 0; r < rounds; r++) for (const t of cleanTexts) { const doc = wink.readDoc(t); doc.tokens().out(wink.its.pos); }
const winkSec = (performance.now() - t1) / 1000;

const t2 = performance.now();
for (let r = 0; r < rounds; r++) for (const t of cleanTexts) {
  const doc = nlpCompromise(t); doc.people().out('array'); doc.places().out('array'); doc.organizations().out('array');
}
const compSec = (performance.now() - t2) / 1000;

const n = cleanTexts.length * rounds;
const words = tokens * rounds;
const row = (name: string, sec: number) =>
  `${name.padEnd(34)} ${(n / sec).toFixed(1).padStart(8)} articles/s ${Math.round(words / sec).toString().padStart(9)} words/s`;
console.log(`${cleanTexts.length} articles (${failed} failed), ${tokens} words, ${rounds} rounds, one core`);
console.log(row('dossier analyze (full pipeline)', ours));
console.log(row('wink-nlp tokens+POS only', winkSec));
console.log(row('compromise people/places/orgs', compSec));
console.log(`ratio dossier/compromise speed: ${(compSec / ours).toFixed(2)}x; dossier/wink-nlp-alone: ${(winkSec / ours).toFixed(2)}x`);
console.log(`peak RSS after dossier run: ${rssOurs.toFixed(0)} MB`);
