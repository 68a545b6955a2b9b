// Extraction benchmark: our cleaner vs plain Readability on real news pages with true bodies.
//   node dist/bench/extraction.js [path-to-extraction-dir] [--worst N] [--only HASH]
// Metric (as in the article-extraction benchmark): 4-gram shingles over \w+ tokens; per page
// TP/FP/FN are normalised to sum to 1, then summed over pages; P = TP/(TP+FP), R = TP/(TP+FN).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readability } from '@mozilla/readability';
import { decodeBytes } from '../src/ingest/index.js';
import { cleanDocument } from '../src/clean/index.js';
import { parseDocument } from '../src/clean/html.js';

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const worst = Number(flag('--worst') ?? 0);
const only = flag('--only');
const dir = resolve(args[0] ?? '../shared/data/extraction');

type Counts = { tp: number; fp: number; fn: number };

function shingles(text: string, n = 4): Map<string, number> {
  const toks = text.match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, toks.length - n + 1); i++) {
    const key = toks.slice(i, i + n).join('\u0001');
    if (key) out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function match(truth: string, pred: string): Counts {
  const t = shingles(truth), p = shingles(pred);
  let tp = 0, fp = 0, fn = 0;
  for (const k of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(k) ?? 0, b = p.get(k) ?? 0;
    tp += Math.min(a, b); fp += Math.max(0, b - a); fn += Math.max(0, a - b);
  }
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp: 0, fp: 0, fn: 0 };
}

function prf(c: Counts) {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0, r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function ours(bytes: Buffer, name: string): string {
  try { return cleanDocument(decodeBytes(bytes, name)).text; } catch { return ''; }
}

function readability(bytes: Buffer, name: string): string {
  try {
    const doc = parseDocument(decodeBytes(bytes, name).content);
    return new Readability(doc).parse()?.textContent ?? '';
  } catch { return ''; }
}

const truth: Record<string, { url: string; articleBody: string }> = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8'));
const files = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html')).sort();
const systems = { dossier: ours, readability } as const;
const totals: Record<string, Counts> = { dossier: { tp: 0, fp: 0, fn: 0 }, readability: { tp: 0, fp: 0, fn: 0 } };
const perPage: { id: string; url: string; d: ReturnType<typeof prf>; r: ReturnType<typeof prf> }[] = [];
const t0 = performance.now();
for (const f of files) {
  const id = f.replace(/\.html$/, '');
  if (!truth[id] || (only && !id.startsWith(only))) continue;
  const bytes = readFileSync(join(dir, 'html', f));
  const scores: Record<string, Counts> = {};
  for (const [name, run] of Object.entries(systems)) {
    const text = run(bytes, f);
    if (only) console.log(`==== ${name}\n${text}\n`);
    scores[name] = match(truth[id].articleBody, text);
    for (const k of ['tp', 'fp', 'fn'] as const) totals[name][k] += scores[name][k];
  }
  perPage.push({ id, url: truth[id].url, d: prf(scores.dossier), r: prf(scores.readability) });
}
const secs = (performance.now() - t0) / 1000;
console.log(`${perPage.length} pages from ${dir} (${secs.toFixed(1)} s)`);
console.log('system        precision  recall  F1');
for (const name of Object.keys(systems)) {
  const s = prf(totals[name]);
  console.log(`${name.padEnd(13)} ${s.p.toFixed(3).padStart(9)}  ${s.r.toFixed(3).padStart(6)}  ${s.f1.toFixed(3)}`);
}
if (worst) {
  console.log(`\nworst ${worst} pages for dossier (F1 dossier / readability, P/R):`);
  for (const x of [...perPage].sort((a, b) => a.d.f1 - b.d.f1).slice(0, worst)) {
    console.log(`${x.d.f1.toFixed(3)} / ${x.r.f1.toFixed(3)}  P ${x.d.p.toFixed(2)} R ${x.d.r.toFixed(2)}  ${x.id.slice(0, 12)} ${x.url}`);
  }
}
