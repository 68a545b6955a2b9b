// Ingest throughput and memory: generates a folder of realistic-size news articles by recombining
// paragraphs of examples/ and the real pages' text in ../shared/data/extraction (if present), then
// runs `dossier ingest` on it in a child process and prints articles/s and peak RSS.
//
//   node dist/bench/ingest.js [--articles N] [--workers N] [--db PATH|postgres://...] [--keep]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const N = Number(opt('--articles', '1000'));
const workers = opt('--workers', String(availableParallelism()));

// Paragraph pool: the example article plus the benchmark pages' article bodies.
const paras: string[] = readFileSync(join(root, 'examples/taliban-al-qaeda.txt'), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 80);
const gt = join(root, '../shared/data/extraction/ground-truth.json');
if (existsSync(gt)) {
  for (const v of Object.values(JSON.parse(readFileSync(gt, 'utf8'))) as { articleBody: string }[]) {
    paras.push(...v.articleBody.split(/\n+/).map((p) => p.trim()).filter((p) => p.length > 80));
  }
}
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-ingest-'));
let bytes = 0;
for (let i = 0; i < N; i++) {
  // ~700-900 words: a typical news story; every article distinct.
  const body: string[] = [`Dispatch ${i}: a correspondent reports on developments in the region (${1000 + i}).`];
  while (body.join(' ').length < 4500) body.push(paras[Math.floor(rand() * paras.length)]);
  const text = body.join('\n\n') + '\n';
  const sub = join(dir, String(Math.floor(i / 1000)));
  if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, `a${i}.txt`), text);
  bytes += text.length;
}
const db = opt('--db', join(dir, 'bench.db'));
console.log(`generated ${N} articles (${(bytes / N / 1024).toFixed(1)} KiB avg, pool of ${paras.length} paragraphs) in ${dir}`);
const t0 = Date.now();
const r = spawnSync(process.execPath, [join(root, 'bin/dossier.js'), 'ingest', dir, '--db', db, '--workers', workers, '--json'],
  { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
const wall = (Date.now() - t0) / 1000;
if (r.status !== 0 && r.status !== 2) { console.error(`ingest exited ${r.status}`); process.exit(1); }
const s = JSON.parse(r.stdout);
console.log(`ingest: ${s.stored} stored, ${s.duplicates} duplicates, ${s.near_duplicates} near-duplicates, ${s.failed.length} failed`);
console.log(`workers ${workers}: ${(N / wall).toFixed(1)} articles/s wall (incl. start-up), ${s.articles_per_second} articles/s in-batch, peak RSS ${s.peak_rss_mb} MB`);
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
