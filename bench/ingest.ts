// Ingest throughput and memory: generates a folder of realistic-size news articles by recombining
// paragraphs of examples/ and the real pages' text in ../shared/data/extraction (if present), each
// with a paragraph of never-seen names (so vocabulary grows with the corpus, as it does in real news,
// and per-process caches are exercised), then runs `dossier ingest` on it in a child process and
// prints articles/s, CPU time, and the resident memory sampled through the run (flat or growing?).
//
//   node dist/bench/ingest.js [--articles N] [--workers N] [--db PATH|postgres://...] [--keep]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
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
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
const SYL = ['ka', 'ro', 'mir', 'tan', 'vel', 'os', 'bar', 'din', 'el', 'zu', 'hal', 'qa', 'sen', 'tor', 'ya', 'lun', 'gre', 'fa', 'nod', 'ish'];
const name = () => { const n = 2 + Math.floor(rand() * 2); let w = ''; for (let i = 0; i < n; i++) w += pick(SYL); return w[0].toUpperCase() + w.slice(1); };
// New people, places and groups in every article: real corpora keep meeting unseen names.
const novel = () => `${name()} ${name()}, a commander of the ${name()} Brigade, said fighters had moved into ${name()} district ` +
  `of ${name()} province last week, according to ${name()} ${name()}, a local official.`;

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-ingest-'));
let bytes = 0;
for (let i = 0; i < N; i++) {
  // ~700-900 words: a typical news story; every article distinct.
  const body: string[] = [`Dispatch ${i}: a correspondent reports on developments in the region (${1000 + i}).`, novel()];
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
const child = spawn(process.execPath, [join(root, 'bin/dossier.js'), 'ingest', dir, '--db', db, '--workers', workers, '--json'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
// Resident memory of the ingest process, sampled every 250 ms (Linux /proc), reported per tenth of the run.
const samples: { t: number; mb: number }[] = [];
const sampler = setInterval(() => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) samples.push({ t: Date.now() - t0, mb: Number(m[1]) / 1024 });
  } catch { /* exited, or not Linux */ }
}, 250);
let out = '';
child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
const status: number = await new Promise((res) => child.on('close', (code) => res(code ?? 1)));
clearInterval(sampler);
const wall = (Date.now() - t0) / 1000;
if (status !== 0 && status !== 2) { console.error(`ingest exited ${status}`); process.exit(1); }
const s = JSON.parse(out);
console.log(`ingest: ${s.stored} stored, ${s.duplicates} duplicates, ${s.near_duplicates} near-duplicates, ${s.failed.length} failed`);
console.log(`workers ${workers}: ${(N / wall).toFixed(1)} articles/s wall (incl. start-up), ${s.articles_per_second} articles/s in-batch, ` +
  `CPU ${(s.cpu_seconds ?? 0).toFixed(1)} s (${((s.cpu_seconds ?? 0) * 1000 / N).toFixed(1)} ms/article), peak RSS ${s.peak_rss_mb} MB`);
if (samples.length) {
  const tenths = Array.from({ length: 10 }, (_, k) => Math.max(0, ...samples.filter((x) => x.t >= (k * wall * 1000) / 10 && x.t < ((k + 1) * wall * 1000) / 10).map((x) => x.mb)));
  console.log(`RSS by tenth of the run (MB, max per tenth): ${tenths.map((x) => x.toFixed(0)).join(' ')}`);
}
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
